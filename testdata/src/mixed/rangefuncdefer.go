package mixed

import (
	"slices"
	"sync"
)

// A range-over-func body's defers run when the enclosing function
// returns, newest first: the read lock the body defers releasing is
// released before the Wait the function deferred before the loop, so the
// worker it waits for can take the lock.

type catalog struct {
	mu    sync.RWMutex
	wg    sync.WaitGroup
	quit  chan struct{}
	loads int
}

func (c *catalog) loop() {
	defer c.wg.Done()
	for {
		c.mu.Lock()
		c.loads++
		c.mu.Unlock()
		select {
		case <-c.quit:
			return
		default:
		}
	}
}

func newCatalog() *catalog {
	c := &catalog{quit: make(chan struct{})}
	c.wg.Add(1)
	go c.loop()
	return c
}

func (c *catalog) close(stats []string) int {
	close(c.quit)
	defer c.wg.Wait()
	for range slices.Values(stats) {
		c.mu.RLock()
		defer c.mu.RUnlock()
		return c.loads
	}
	return -1
}

// The twin's body releases nothing: the lock is held when the deferred
// Wait runs.
func (c *catalog) closeHeld(stats []string) int {
	close(c.quit)
	defer c.wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*catalog\).mu; the goroutines it waits for take \(\*catalog\).mu before Done`
	for range slices.Values(stats) {
		c.mu.RLock()
		return c.loads // want `lock not released: \(\*catalog\).mu is still held when this path returns`
	}
	return -1
}
