package leak

import "time"

// A hedged call: a second attempt starts when a one-shot timer fires. The
// timer is made before the loop and never reset, so its case runs once:
// two senders at most, into a buffer of two.

func hedgedOnce(work func() int) int {
	ch := make(chan int, 2)
	go func() { ch <- work() }()
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case v := <-ch:
			return v
		case <-t.C:
			go func() { ch <- work() }()
		}
	}
}

// The twin hedges on a ticker, which fires again on every turn: any number
// of senders into the same buffer of two.
func hedgedEveryTick(work func() int) int {
	ch := make(chan int, 2)
	go func() { ch <- work() }() // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case v := <-ch:
			return v
		case <-t.C:
			go func() { ch <- work() }()
		}
	}
}
