// Package fixes holds findings with suggested fixes; fixes.go.golden is the
// file after awaitvet -fix.
package fixes

import "sync"

func compute(x int) int { return x * 2 }

// firstOfMany: every goroutine but one blocks; the fix gives the channel
// room for each of them.
func firstOfMany(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { // want `goroutine leak: send on ch blocks forever`
			ch <- compute(x)
		}()
	}
	return <-ch
}

// earlyReturn abandons its one sender on the error path; the fix buffers 1.
func earlyReturn(x int) (int, bool) {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever`
		ch <- compute(x)
	}()
	if x < 0 {
		return 0, false
	}
	return <-ch, true
}

// skipsDone returns before Done on one path; the fix defers Done.
func skipsDone(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
			if x < 0 {
				return
			}
			compute(x)
			wg.Done()
		}()
	}
	wg.Wait()
}
