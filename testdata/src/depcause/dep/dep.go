// Package dep has a lock bug of its own, reported here (in the real world:
// when its own module is vetted); the packages that call it cannot fix it.
package dep

import "sync"

type Cache struct {
	Mu sync.Mutex
	m  map[string]int
}

func (c *Cache) size() int {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return len(c.m)
}

// Stats locks c.Mu twice: dep's own bug.
func (c *Cache) Stats() int {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return c.size() // want `double lock: \(\*Cache\).Mu acquired while already held \(through \(\*Cache\).size\)`
}

// Get locks c.Mu once: a caller that holds it deadlocks.
func (c *Cache) Get(k string) int {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return c.m[k]
}

// Closer's Done is nil-safe: its Done is guarded by the receiver's nil-ness,
// which its callers in other packages decide (or, not knowing, are given
// the benefit of the doubt).
type Closer struct{ wg sync.WaitGroup }

func (c *Closer) Add() { c.wg.Add(1) }

func (c *Closer) Done() {
	if c == nil {
		return
	}
	c.wg.Done()
}

func (c *Closer) Wait() { c.wg.Wait() }
