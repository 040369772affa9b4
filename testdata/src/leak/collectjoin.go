package leak

import "sync"

// Workers started in a loop each send one result, counted down by a
// deferred Done; a closer goroutine started after the loop waits on the
// WaitGroup and then closes done. The collector's select goes round after
// each result, and its other case fires only once every worker has
// returned, after its send was taken: no worker is left behind. The twins:
// the collector returns from the result case (the other workers are left
// at their sends), or each worker closes done itself after its send (the
// first to finish closes it, whatever the others still have to send).

func goodCollectUntilJoined(n int) []int {
	results := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	var out []int
	for {
		select {
		case v := <-results:
			out = append(out, v)
		case <-done:
			return out
		}
	}
}

func badCollectFirstNegative(n int) int {
	results := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { // want `goroutine leak: send on results blocks forever`
			defer wg.Done()
			results <- i - 3
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	for {
		select {
		case v := <-results:
			if v < 0 {
				return v
			}
		case <-done:
			return 0
		}
	}
}

func badEachCloses(n int) []int {
	results := make(chan int)
	done := make(chan struct{})
	var once sync.Once
	for i := 0; i < n; i++ {
		go func() { // want `goroutine leak: send on results blocks forever`
			results <- i
			once.Do(func() { close(done) })
		}()
	}
	var out []int
	for {
		select {
		case v := <-results:
			out = append(out, v)
		case <-done:
			return out
		}
	}
}
