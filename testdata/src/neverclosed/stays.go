package neverclosed

import (
	"context"
	"os"
	"os/signal"
)

func next() int { return 1 }

// goodFeedsForever never returns once jobs exists: the worker serves for as
// long as its feeder, which is the program's life. Nothing is left behind.
func goodFeedsForever() {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			sink(j)
		}
	}()
	for {
		jobs <- next()
	}
}

// goodFeedsUntilExit leaves its loop only to end the process.
func goodFeedsUntilExit() {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			sink(j)
		}
	}()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	for {
		select {
		case jobs <- next():
		case <-sig:
			os.Exit(0)
		}
	}
}

// badFeedsUntilCancel returns when ctx is done without closing jobs: the
// worker is left ranging over a channel nobody can reach any more.
func badFeedsUntilCancel(ctx context.Context) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	for {
		select {
		case jobs <- next():
		case <-ctx.Done():
			return
		}
	}
}

// badFeedsUntilPanic leaves its loop by a panic, which a caller may
// recover and go on: the worker stays behind.
func badFeedsUntilPanic() {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	for {
		v := next()
		if v < 0 {
			panic("negative")
		}
		jobs <- v
	}
}

func serveForever() {
	for {
		sink(next())
	}
}

func fail(msg string) {
	panic(msg)
}

// goodThenServes feeds jobs and then serves forever: it never returns, so
// its worker is never left behind.
func goodThenServes(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	serveForever()
}

// badThenFails feeds jobs and then calls a function that always panics,
// which a caller may recover: the worker is left behind.
func badThenFails(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	fail("done")
}
