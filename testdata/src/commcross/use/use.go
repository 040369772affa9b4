// Package use is the downstream half of the cross-package channel tests: it
// calls the generators and workers exported by commcross/gen, and every
// finding is reported here (at the call into gen, or at the go statement
// that starts a gen worker), never in gen. Every badX case has a goodX twin
// of the same shape with the bug fixed, which must stay silent.
package use

import (
	"context"
	"sync"

	"commcross/gen"
)

// badFirstValue reads one value from Numbers and returns, abandoning its sender.
func badFirstValue(ctx context.Context) int {
	nums := gen.Numbers(ctx, 10) // want `goroutine leak: send on .* blocks forever`
	return <-nums
}

// goodFirstValue uses NumbersCtx and cancels it on return.
func goodFirstValue(ctx context.Context) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	nums := gen.NumbersCtx(ctx, 10)
	return <-nums
}

// badBreakEarly stops ranging over Numbers at the first large value.
func badBreakEarly(ctx context.Context, limit int) int {
	nums := gen.Numbers(ctx, 100) // want `goroutine leak: send on .* blocks forever`
	for v := range nums {
		if v > limit {
			return v
		}
	}
	return -1
}

// goodBreakEarly uses NumbersCtx and cancels it on return.
func goodBreakEarly(ctx context.Context, limit int) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	nums := gen.NumbersCtx(ctx, 100)
	for v := range nums {
		if v > limit {
			return v
		}
	}
	return -1
}

// badFetchTimeout abandons Fetch's unbuffered result when ctx is done first.
func badFetchTimeout(ctx context.Context, x int) (int, error) {
	res := gen.Fetch(x) // want `goroutine leak: send on .* blocks forever`
	select {
	case v := <-res:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// goodFetchTimeout uses FetchBuffered, whose send never waits.
func goodFetchTimeout(ctx context.Context, x int) (int, error) {
	res := gen.FetchBuffered(x)
	select {
	case v := <-res:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// badWorkers starts gen.Worker goroutines and never closes jobs, so wg.Wait hangs.
func badWorkers(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go gen.Worker(jobs, &wg) // want `range over .* never ends`
	}
	for _, it := range items {
		jobs <- it
	}
	wg.Wait() // folded `wait never returns: wg\.Wait waits for a goroutine that blocks forever`
}

// goodWorkers closes jobs before wg.Wait.
func goodWorkers(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go gen.Worker(jobs, &wg)
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}

// badDrain starts gen.Drain on a channel it never closes.
func badDrain(items []int) {
	jobs := make(chan int)
	go gen.Drain(jobs) // want `range over .* never ends`
	for _, it := range items {
		jobs <- it
	}
}

// goodDrain closes jobs with defer.
func goodDrain(items []int) {
	jobs := make(chan int)
	defer close(jobs)
	go gen.Drain(jobs)
	for _, it := range items {
		jobs <- it
	}
}
