// Package ifacecache implements ifacestore.Invalidator by locking Cache.mu
// and reads the store while holding Cache.mu: the cycle closes here, through
// ifacestore's facts.
package ifacecache

import (
	"sync"

	"example.com/e2e/ifacestore"
)

// Cache is guarded by mu.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
	st *ifacestore.Store
}

// New converts *Cache to ifacestore.Invalidator.
func New() *Cache {
	c := &Cache{m: make(map[string]string)}
	c.st = ifacestore.New(c)
	return c
}

// Invalidate takes c.mu.
func (c *Cache) Invalidate(k string) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}

// Get takes c.mu, then Store.mu inside Load.
func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.st.Load(k)
	c.m[k] = v
	return v
}
