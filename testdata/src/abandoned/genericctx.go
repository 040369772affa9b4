package abandoned

import (
	"context"
	"time"
)

// A generic helper runs its one (generic) body for every instance: the
// contexts its callers pass reach that body's parameter, as a plain
// function's do. Given only context.Background(), whose Done is nil, the
// other case never fires and the receive takes the value.

func recvOrDone[T any](ctx context.Context, ch <-chan T) (T, bool) {
	var zero T
	select {
	case v := <-ch:
		return v, true
	case <-ctx.Done():
		return zero, false
	}
}

func goodGenericBackground(produce func() int) int {
	ch := make(chan int)
	go func() { ch <- produce() }()
	v, _ := recvOrDone(context.Background(), ch)
	return v
}

func recvOrDoneT[T any](ctx context.Context, ch <-chan T) (T, bool) {
	var zero T
	select {
	case v := <-ch:
		return v, true
	case <-ctx.Done():
		return zero, false
	}
}

// badGenericTimeout passes a context that does fire: the helper may leave
// by Done while the send waits.
func badGenericTimeout(produce func() int) int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ch := make(chan int)
	go func() { ch <- produce() }() // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case$`
	v, _ := recvOrDoneT(ctx, ch)
	return v
}
