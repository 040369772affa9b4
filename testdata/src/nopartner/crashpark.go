package nopartner

import "fmt"

// A panic re-raised in a fresh goroutine ends the program (nothing can
// recover it there), and the select {} after it only keeps the goroutine
// that raised it in the crash dump: singleflight's way of crashing with
// both stacks. The twin's goroutine may return (its panic is only on one
// branch): the select {} may outlive it.

func goodCrashPark(err error, waiting bool) {
	if waiting {
		go panic(err)
		select {}
	}
	panic(err)
}

func goodCrashParkClosure(err error) {
	go func() {
		panic(fmt.Errorf("wrapped: %w", err))
	}()
	select {}
}

func badMaybeCrashPark(err error) {
	go func() {
		if err != nil {
			panic(err)
		}
	}()
	select {} // want `select \{\} blocks forever outside main`
}
