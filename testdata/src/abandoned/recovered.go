package abandoned

import "fmt"

// A goroutine that sends its result on one channel and, from a deferred
// call that recovers, its panic on another sends exactly one of them: a
// deferred call runs on the way out, and recover returns nil off a panic.
// Its starter's select takes whichever comes.

func goodResultOrPanic(f func() int) (int, error) {
	res := make(chan int)
	pan := make(chan any)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				pan <- r
			}
		}()
		res <- f()
	}()
	select {
	case v := <-res:
		return v, nil
	case p := <-pan:
		return 0, fmt.Errorf("panic: %v", p)
	}
}

// badAlwaysDeferred sends on done on its way out whatever happened, after
// its result was taken: nothing takes that second value.
func badAlwaysDeferred(f func() int) (int, error) {
	res := make(chan int)
	done := make(chan any)
	go func() { // want `goroutine leak: send on done blocks forever: the receiver may leave by another select case$`
		defer func() {
			done <- 1
		}()
		res <- f()
	}()
	select {
	case v := <-res:
		return v, nil
	case <-done:
		return 0, fmt.Errorf("no result")
	}
}
