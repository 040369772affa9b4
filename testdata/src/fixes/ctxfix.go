package fixes

import "context"

// lookup's caller gives up when ctx is done; the sender, which has the same
// ctx, then blocks forever. The first fix makes the send watch ctx too.
func lookup(ctx context.Context, key int) (int, error) {
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

// publish sends in a loop; returning when ctx is done ends the loop too.
func publish(ctx context.Context, keys []int) int {
	out := make(chan int)
	go func() { // want `goroutine leak: send on out blocks forever: the receiver may leave by another select case`
		for _, k := range keys {
			out <- compute(k)
		}
		close(out)
	}()
	sum := 0
	for {
		select {
		case v, ok := <-out:
			if !ok {
				return sum
			}
			sum += v
		case <-ctx.Done():
			return sum
		}
	}
}
