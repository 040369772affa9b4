// Package clean uses its locks correctly; awaitvet must stay silent on it.
package clean

import "sync"

// Counter is safe for concurrent use.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Inc adds one.
func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.incLocked()
}

// incLocked must be called with c.mu held.
func (c *Counter) incLocked() { c.n++ }

// Cache reads under the read lock and writes under the write lock, never both.
type Cache struct {
	mu sync.RWMutex
	m  map[string]string
}

// Load releases the read lock before taking the write lock.
func (c *Cache) Load(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		c.mu.Lock()
		if v, ok = c.m[k]; !ok {
			v = k + "!"
			c.m[k] = v
		}
		c.mu.Unlock()
	}
	return v
}
