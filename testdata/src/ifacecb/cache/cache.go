// Package cache implements store.Invalidator by locking Cache.mu, and calls
// store.Load (which locks Store.mu) while holding Cache.mu. store.Set holds
// Store.mu while calling Invalidate: the lock-order cycle closes here, the
// only package that knows both the call and its implementation.
package cache

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

// New makes a Cache and the store it invalidates: *Cache is converted to
// store.Invalidator here.
func New() *Cache {
	c := &Cache{m: make(map[string]string)}
	c.st = store.New(c, quiet{})
	return c
}

// Invalidate takes c.mu.
func (c *Cache) Invalidate(k string) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}

// Get takes c.mu, then Store.mu inside Load: the opposite order of Set's.
func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[k]; ok {
		return v
	}
	v := c.st.Load(k) // want `lock-order cycle: \(\*store.Store\).mu acquired while holding \(\*Cache\).mu; store.\(\*Store\).Set takes them in the opposite order`
	c.m[k] = v
	return v
}

// quiet drops keys without locking: no edge from it.
type quiet struct{}

func (quiet) Drop(string) {}

// Journal implements store.Invalidator by locking its own mutex, but it is
// never converted to store.Invalidator in this package: no store calls it,
// and no edge Store.mu -> Journal.mu is claimed.
type Journal struct {
	mu  sync.Mutex
	log []string
	st  *store.Store
}

func (j *Journal) Invalidate(k string) {
	j.mu.Lock()
	j.log = append(j.log, k)
	j.mu.Unlock()
}

// Replay takes j.mu, then Store.mu inside Load.
func (j *Journal) Replay() {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, k := range j.log {
		j.st.Load(k)
	}
}
