package leak

import (
	"context"
	"time"
)

// A select loop left only when its receive reports the channel closed
// receives every value sent before the close: its other case can never be
// chosen (the Done of a context nothing cancels), or only goes round again
// (a ticker).

func consumeNever(ctx context.Context, in <-chan int) int {
	sum := 0
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return sum
			}
			sum += v
		case <-ctx.Done():
			return sum
		}
	}
}

func SumNever() int {
	in := make(chan int)
	go func() {
		for i := range 3 {
			in <- i
		}
		close(in)
	}()
	return consumeNever(context.Background(), in)
}

func consumeTicking(in <-chan int, flush func(int)) int {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	sum := 0
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return sum
			}
			sum += v
		case <-t.C:
			flush(sum)
		}
	}
}

func SumTicking(flush func(int)) int {
	in := make(chan int)
	go func() {
		for i := range 3 {
			in <- i
		}
		close(in)
	}()
	return consumeTicking(in, flush)
}

// The twin's other case leaves: the caller's context may end first.

func consumeCancellable(ctx context.Context, in <-chan int) int {
	sum := 0
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return sum
			}
			sum += v
		case <-ctx.Done():
			return sum
		}
	}
}

func SumCancellable(ctx context.Context) int {
	in := make(chan int)
	go func() { // want `goroutine leak: send on in blocks forever`
		for i := range 3 {
			in <- i
		}
		close(in)
	}()
	return consumeCancellable(ctx, in)
}
