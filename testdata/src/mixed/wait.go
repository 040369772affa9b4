package mixed

import "sync"

// WaitGroup.Wait while holding a mutex that the counted goroutines lock
// before they call Done: Wait waits for the goroutines, the goroutines wait
// for the mutex. Reported at the Wait. Fixed by releasing the lock before
// the Wait.

// Cache is refreshed by loader goroutines counted by wg that store under mu.
type Cache struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	data map[string]string
}

// store saves one loaded value under c.mu.
func (c *Cache) store(k, v string) {
	c.mu.Lock()
	c.data[k] = v
	c.mu.Unlock()
}

// badRefresh holds c.mu for the whole refresh, but the loaders store under c.mu.
func (c *Cache) badRefresh(keys []string, load func(string) string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.data)
	for _, k := range keys {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			c.store(k, load(k))
		}()
	}
	c.wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding \(\*Cache\)\.mu; the goroutines it waits for take \(\*Cache\)\.mu before Done`
}

// goodRefresh clears under c.mu and waits after releasing it.
func (c *Cache) goodRefresh(keys []string, load func(string) string) {
	c.mu.Lock()
	clear(c.data)
	c.mu.Unlock()
	for _, k := range keys {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			c.store(k, load(k))
		}()
	}
	c.wg.Wait()
}

// badCountWords holds mu while waiting for workers that lock mu to count.
func badCountWords(words []string) map[string]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := map[string]int{}
	mu.Lock()
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			counts[w]++
			mu.Unlock()
		}()
	}
	wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding mu; the goroutines it waits for take mu before Done`
	mu.Unlock()
	return counts
}

// goodCountWords releases mu before the Wait.
func goodCountWords(words []string) map[string]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := map[string]int{}
	mu.Lock()
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			counts[w]++
			mu.Unlock()
		}()
	}
	mu.Unlock()
	wg.Wait()
	return counts
}

// tally counts one word under mu, then marks itself done.
func tally(wg *sync.WaitGroup, mu *sync.Mutex, counts map[string]int, w string) {
	defer wg.Done()
	mu.Lock()
	counts[w]++
	mu.Unlock()
}

// badWaitForNamed holds mu (deferred Unlock) while waiting for tally goroutines.
func badWaitForNamed(words []string) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := map[string]int{}
	mu.Lock()
	defer mu.Unlock()
	for _, w := range words {
		wg.Add(1)
		go tally(&wg, &mu, counts, w)
	}
	wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding mu; the goroutines it waits for take mu before Done`
	return len(counts)
}

// goodWaitForNamed waits first and takes mu only to read the result.
func goodWaitForNamed(words []string) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := map[string]int{}
	for _, w := range words {
		wg.Add(1)
		go tally(&wg, &mu, counts, w)
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return len(counts)
}

// badSumGo holds mu while waiting for wg.Go workers that add under mu.
func badSumGo(xs []int, f func(int) int) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	mu.Lock()
	defer mu.Unlock()
	for _, x := range xs {
		wg.Go(func() {
			y := f(x)
			mu.Lock()
			total += y
			mu.Unlock()
		})
	}
	wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding mu; the goroutines it waits for take mu before Done`
	return total
}

// goodSumGo waits before taking mu to read the total.
func goodSumGo(xs []int, f func(int) int) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for _, x := range xs {
		wg.Go(func() {
			y := f(x)
			mu.Lock()
			total += y
			mu.Unlock()
		})
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return total
}

// goodDeferredTally counts each worker under c.mu in a call deferred before
// its deferred Done: deferred calls run last registered first, so Done runs
// before the tally takes c.mu and the Wait under c.mu ends.
func (c *Cache) goodDeferredTally(keys []string, load func(string) string) {
	for _, k := range keys {
		c.wg.Add(1)
		go func() {
			defer c.store(k, "done")
			defer c.wg.Done()
			_ = load(k)
		}()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wg.Wait()
}

// badDeferredTally defers the tally after the Done: it runs first and waits
// for c.mu, which the Wait holds, so Done is never reached.
func (c *Cache) badDeferredTally(keys []string, load func(string) string) {
	for _, k := range keys {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			defer func() { c.store(k, "done") }()
			_ = load(k)
		}()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding \(\*Cache\)\.mu; the goroutines it waits for take \(\*Cache\)\.mu before Done`
}
