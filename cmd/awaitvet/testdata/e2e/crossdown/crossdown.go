// Package crossdown closes a lock-order cycle and a double lock through
// crossup's functions.
package crossdown

import (
	"sync"

	"example.com/e2e/crossup"
)

// Cache is guarded by mu and feeds a registry.
type Cache struct {
	mu  sync.Mutex
	reg *crossup.Registry
}

// Put takes Cache.mu, then Registry.mu (inside Add).
func (c *Cache) Put(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reg.Add(k)
}

// Sweep takes Registry.mu (Begin returns locked), then Cache.mu: the
// opposite order.
func (c *Cache) Sweep() {
	c.reg.Begin()
	defer c.reg.End()
	c.mu.Lock()
	c.mu.Unlock()
}

// Rename holds Registry.mu and calls Add, which locks it again.
func (c *Cache) Rename(k string) {
	c.reg.Begin()
	c.reg.Add(k)
	c.reg.End()
}
