package abandoned

import "context"

// The receiver's other case waits on a context only the sender cancels,
// after its send: while the sender waits in its send the case cannot
// fire, so the receiver takes the value.

func goodCancelAfterSend(produce func() int) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan int)
	go func() {
		ch <- produce()
		cancel()
	}()
	got := 0
	for {
		select {
		case v := <-ch:
			got = v
		case <-ctx.Done():
			return got
		}
	}
}

// badCancelBeforeSend cancels first: the receiver may leave by Done while
// the send waits.
func badCancelBeforeSend(produce func() int) int {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case$`
		v := produce()
		cancel()
		ch <- v
	}()
	got := 0
	for {
		select {
		case v := <-ch:
			got = v
		case <-ctx.Done():
			return got
		}
	}
}

// The cancel function handed to the sending goroutine's function as an
// argument is the same cancel: deferred there, it runs after the send.
func cancelAfterSendWorker(out chan<- int, cancel context.CancelFunc, v int) {
	defer cancel()
	out <- v
}

func goodCancelHanded(v int) (int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	go cancelAfterSendWorker(out, cancel, v)
	select {
	case x := <-out:
		return x, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func cancelBeforeSendWorker(out chan<- int, cancel context.CancelFunc, v int) {
	cancel()
	out <- v
}

func badCancelHanded(v int) (int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	go cancelBeforeSendWorker(out, cancel, v) // want `goroutine leak: send on out blocks forever: the receiver may leave by another select case$`
	select {
	case x := <-out:
		return x, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
