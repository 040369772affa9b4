package leak

import "context"

// A select case that can never be chosen (the Done channel of a context
// nothing cancels) is no way out of the loop around it: the forwarder
// below receives every value its source sends, and leaves only when the
// source closes.

func source3() <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range 3 {
			ch <- i
		}
	}()
	return ch
}

func forwardUntil(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func goodForwardBackground() (n int) {
	for v := range forwardUntil(context.Background(), source3()) {
		n += v
	}
	return n
}

func source3b() <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range 3 {
			ch <- i
		}
	}()
	return ch
}

func forwardUntilB(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// badForwardCancelled: the context is cancelled while the forwarder runs,
// and the forwarder leaves the source's sender behind.
func badForwardCancelled() (n int) {
	ctx, cancel := context.WithCancel(context.Background())
	for v := range forwardUntilB(ctx, source3b()) { // want `goroutine leak: send on channel blocks forever: 3 send\(s\) but only 0 receive\(s\) are certain`
		n += v
		cancel()
	}
	return n
}
