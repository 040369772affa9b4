package fixes

import (
	"context"
	"time"
)

// cancelled: a context made here whose cancel is called; the receiver
// gives up on it, so the sender can too. The fix is offered.
func cancelled(parent context.Context, key int) (int, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		ch <- compute(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// detached: the goroutine's context is Background, which nothing cancels,
// and the receiver leaves on a timer: a select on ctx.Done() would silence
// the finding and keep the leak. Only the buffer is offered.
func detached(key int) int {
	ch := make(chan int)
	go func(ctx context.Context) { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		ch <- compute(key)
	}(context.Background())
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// droppedCancel: the cancel function of the context is dropped and it has
// no deadline: ctx.Done() never fires, so the receiver cannot leave by it,
// receives, and the sender is not leaked. Silent (once reported: the model
// took ctx.Done() to be able to fire).
func droppedCancel(key int) (int, error) {
	ctx, _ := context.WithCancel(context.Background())
	ch := make(chan int)
	go func() {
		ch <- compute(key)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// otherContext: the sender has a cancellable context, but the receiver
// leaves by another one, made after the goroutine starts: watching the
// sender's would not end the leak. No select fix.
func otherContext(ctx context.Context, key int) (int, error) {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		if ctx.Err() != nil {
			return
		}
		ch <- compute(key)
	}()
	wait, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	select {
	case v := <-ch:
		return v, nil
	case <-wait.Done():
		return 0, wait.Err()
	}
}
