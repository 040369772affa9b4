package leak

import "time"

// Goroutines started in a loop, each with the channel made in the same
// iteration: each goroutine has a channel of its own, so its sends are
// counted against that channel's buffer alone (etcd's kv_test.go:461).

// badPerIteration: unbuffered, the goroutine of an iteration that timed out
// is stranded.
func badPerIteration(fns []func()) {
	for _, f := range fns {
		done := make(chan struct{})
		go func() { // want `goroutine leak: send on done blocks forever: the receiver may leave by another select case`
			f()
			done <- struct{}{}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// goodPerIteration: one slot for the one send of each iteration's goroutine.
func goodPerIteration(fns []func()) {
	for _, f := range fns {
		done := make(chan struct{}, 1)
		go func() {
			f()
			done <- struct{}{}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// badPerIterationTwice: two sends per goroutine, one slot.
func badPerIterationTwice(fns []func()) {
	for _, f := range fns {
		done := make(chan struct{}, 1)
		go func() { // want `goroutine leak: send on done blocks forever`
			f()
			done <- struct{}{}
			done <- struct{}{}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// badSharedAcrossIterations: the channel is made once, before the loop;
// every iteration's goroutine sends on it.
func badSharedAcrossIterations(fns []func()) {
	done := make(chan struct{}, 1)
	for _, f := range fns {
		go func() { // want `goroutine leak: send on done blocks forever`
			f()
			done <- struct{}{}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// badInnerLoop: the channel is made per outer iteration, but an inner loop
// starts several goroutines on it.
func badInnerLoop(groups [][]func()) {
	for _, g := range groups {
		done := make(chan struct{}, 1)
		for _, f := range g {
			go func() { // want `goroutine leak: send on done blocks forever`
				f()
				done <- struct{}{}
			}()
		}
		select {
		case <-done:
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// badLoopSender: one goroutine (not started in a loop) sends in a loop; the
// message says which of the two it is.
func badLoopSender(n int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: a goroutine sends in a loop, but only 1 receive\(s\) are certain`
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return <-ch
}

// goodLoopSender receives in a loop of its own.
func goodLoopSender(n int) int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	return sum
}
