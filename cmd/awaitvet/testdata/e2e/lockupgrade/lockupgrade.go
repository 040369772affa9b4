// Package lockupgrade write-locks an RWMutex while it is read-held.
package lockupgrade

import "sync"

// Cache memoizes fetch.
type Cache struct {
	mu sync.RWMutex
	m  map[string]string
}

// Load calls Lock while still holding the read lock: Lock waits for every
// reader, including this goroutine.
func (c *Cache) Load(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if _, ok := c.m[k]; !ok {
		c.mu.Lock()
		c.m[k] = fetch(k)
		c.mu.Unlock()
	}
	return c.m[k]
}

func fetch(k string) string { return k + "!" }
