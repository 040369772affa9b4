package abandoned

import (
	"errors"
	"time"
)

// A goroutine that hands back two values in sequence, a then b, reaches
// its send on b only once the owner has taken a. The owner's timeout
// leaves it blocked at a (reported), never at b, when every path that
// takes a goes on to take b. A path that takes a and returns before b
// leaves it at b.

func twoResults(work func() int, d time.Duration) (int, string) {
	a := make(chan int)
	b := make(chan string)
	go func() { // want `goroutine leak: send on a blocks forever: the receiver may leave by another select case`
		x := work()
		a <- x
		b <- "done"
	}()
	select {
	case x := <-a:
		s := <-b
		return x, s
	case <-time.After(d):
		return 0, "timeout"
	}
}

// twoResultsLater takes b in a later block, on both sides of a test.
func twoResultsLater(work func() int, d time.Duration) (int, error) {
	a := make(chan int)
	b := make(chan error)
	go func() { // want `goroutine leak: send on a blocks forever: the receiver may leave by another select case`
		a <- work()
		b <- errors.New("done")
	}()
	select {
	case x := <-a:
		if x < 0 {
			x = -x
		}
		return x, <-b
	case <-time.After(d):
		return 0, errors.New("timeout")
	}
}

// twoResultsShort returns after a without taking b.
func twoResultsShort(work func() int, d time.Duration) (int, string) {
	a := make(chan int)
	b := make(chan string)
	go func() { // want `goroutine leak: send on a blocks forever: the receiver may leave by another select case` `goroutine leak: send on b blocks forever: the receiver may return before receiving`
		x := work()
		a <- x
		b <- "done"
	}()
	select {
	case x := <-a:
		if x < 0 {
			return x, "negative"
		}
		s := <-b
		return x, s
	case <-time.After(d):
		return 0, "timeout"
	}
}

// twoResultsFirst sends on b first: nothing gates it.
func twoResultsFirst(work func() int, d time.Duration) (int, string) {
	a := make(chan int)
	b := make(chan string)
	go func() { // want `goroutine leak: send on b blocks forever: the receiver may leave by another select case`
		b <- "start"
		a <- work()
	}()
	select {
	case s := <-b:
		return <-a, s
	case <-time.After(d):
		return 0, "timeout"
	}
}
