// Package cachefixed is cache with the bug fixed: Get releases Cache.mu
// before it calls into the store, so Store.mu is never taken under
// Cache.mu, and Set's call of Invalidate under Store.mu closes no cycle.
package cachefixed

import (
	"sync"

	"ifacecb/store"
)

// Cache is guarded by mu and fills from a store.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
	st *store.Store
}

func New() *Cache {
	c := &Cache{m: make(map[string]string)}
	c.st = store.New(c, nil)
	return c
}

func (c *Cache) Invalidate(k string) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}

// Get reads the store with c.mu released.
func (c *Cache) Get(k string) string {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = c.st.Load(k)
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
	return v
}
