package waitgroup

import "sync"

// A WaitGroup that counts work items, not goroutines: Add for every item
// sent to a pool of workers, and each worker calls Done once per item it
// receives (client-go's rest request tests). The workers are not counted
// themselves, so neither a worker that calls no Done (it received nothing)
// nor the number of workers says anything about the Wait.

// goodItemPool counts len(items) items.
func goodItemPool(items []string) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	reqs := make(chan string)
	defer close(reqs)
	for i := 0; i < 4; i++ {
		go func() {
			for r := range reqs {
				_ = process(r)
				wg.Done()
			}
		}()
	}
	for _, it := range items {
		reqs <- it
	}
	wg.Wait()
}

// goodItemPoolConst counts a constant number of items, with a Done on each
// branch of the worker's loop body.
func goodItemPoolConst() {
	const numReqs = 10
	var wg sync.WaitGroup
	wg.Add(numReqs)
	reqs := make(chan string)
	defer close(reqs)
	for i := 0; i < 4; i++ {
		go func() {
			for r := range reqs {
				if err := process(r); err != nil {
					wg.Done()
					continue
				}
				wg.Done()
			}
		}()
	}
	for i := 0; i < numReqs; i++ {
		reqs <- "request"
	}
	wg.Wait()
}
