package waitgroup

import (
	"context"
	"sync"
)

// Counted loops: Add(n) up front, then a loop that starts exactly n
// goroutines. Besides for i := 0; i < n; i++, the loop may count down, range
// over an int, or range over len(xs); the Dones match the Add and nothing is
// reported. With one goroutine too few the Wait is still reported.

const workers = 4

// goodCountDown starts its workers with a loop that counts down.
func goodCountDown() {
	var wg sync.WaitGroup
	wg.Add(workers)
	for i := workers; i > 0; i-- {
		go func() { wg.Done() }()
	}
	wg.Wait()
}

// goodCountDownCaptured counts down to one with the loop variable captured
// (a fresh cell per iteration).
func goodCountDownCaptured(out []int) {
	var wg sync.WaitGroup
	wg.Add(workers)
	for i := workers; i >= 1; i-- {
		go func() {
			defer wg.Done()
			out[i-1] = i
		}()
	}
	wg.Wait()
}

// goodRangeInt starts its workers with range over an int.
func goodRangeInt() {
	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
		}()
	}
	wg.Wait()
}

// goodRangeIntIndex passes the index to each worker.
func goodRangeIntIndex(out []int) {
	var wg sync.WaitGroup
	wg.Add(workers)
	for i := range workers {
		go func(idx int) {
			defer wg.Done()
			out[idx] = idx
		}(i)
	}
	wg.Wait()
}

// badRangeIntShort adds one more than the loop starts.
func badRangeIntShort() {
	var wg sync.WaitGroup
	wg.Add(workers + 1)
	for range workers {
		go func() {
			defer wg.Done()
		}()
	}
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
}

// badCountDownShort stops one short: i > 1 runs workers-1 times.
func badCountDownShort() {
	var wg sync.WaitGroup
	wg.Add(workers)
	for i := workers; i > 1; i-- {
		go func() { wg.Done() }()
	}
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
}

// Checker reports when it is done.
type Checker interface {
	Done() <-chan struct{}
}

// goodWaitForAll starts one goroutine per checker, each sending exactly one
// result, and receives len(checkers) results with range over an int
// (client-go's cache.WaitFor): every send has its receive.
func goodWaitForAll(ctx context.Context, checkers ...Checker) bool {
	var wg sync.WaitGroup
	results := make(chan bool)
	for _, c := range checkers {
		wg.Go(func() {
			select {
			case <-c.Done():
				results <- true
			case <-ctx.Done():
				results <- false
			}
		})
	}
	all := true
	for range len(checkers) {
		if !<-results {
			all = false
		}
	}
	wg.Wait()
	return all
}
