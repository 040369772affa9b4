// Package future tests check future: a Wait for goroutines one of which
// blocks forever is reported at the Wait, with the goroutine's chain.
package future

import "sync"

func work(x int) int { return x + 1 }

// badResults: the workers send results nobody receives, so Wait hangs.
func badResults(xs []int) {
	var wg sync.WaitGroup
	results := make(chan int)
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- work(x) // want `no receiver: send on results blocks forever`
		}()
	}
	wg.Wait() // want `wait never returns: wg\.Wait waits for a goroutine that blocks forever: it sends on results, which nothing receives from`
}

// goodResults buffers the results for every worker.
func goodResults(xs []int) {
	var wg sync.WaitGroup
	results := make(chan int, len(xs))
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- work(x)
		}()
	}
	wg.Wait()
}

// badGoWorkers: wg.Go workers range over a jobs channel nothing closes.
func badGoWorkers(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		wg.Go(func() {
			for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
				work(j)
			}
		})
	}
	for _, x := range xs {
		jobs <- x
	}
	wg.Wait() // want `wait never returns: wg\.Wait waits for a goroutine that blocks forever: it ranges over jobs`
}

// goodGoWorkers closes jobs after the last send.
func goodGoWorkers(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		wg.Go(func() {
			for j := range jobs {
				work(j)
			}
		})
	}
	for _, x := range xs {
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}
