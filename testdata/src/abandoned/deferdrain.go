package abandoned

import "context"

// An owner that receives from the channel in a call it defers may take on
// its way out the value its select gave up on (`if !got { <-ch }`): no
// path is shown to leave the sender without a receiver.

func lookupValue() int { return 1 }

func withDeferredDrain(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- lookupValue()
	}()
	got := false
	defer func() {
		if !got {
			<-ch
		}
	}()
	select {
	case v := <-ch:
		got = true
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// The twin's deferred call drains another channel: ch's sender is left
// behind when the context wins.
func withDeferredDrainElsewhere(ctx context.Context, other chan int) (int, error) {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		ch <- lookupValue()
	}()
	defer func() {
		<-other
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
