// Package cache holds a lock while it waits for a stop that never comes,
// so that a reader waiting for the lock is stuck behind it.
package cache

import "sync"

type Cache struct {
	mu   sync.Mutex
	data map[string]string
	stop chan struct{}
}

func New() *Cache { return &Cache{data: map[string]string{}, stop: make(chan struct{})} }

// Refresh takes the lock, closes ready, and waits for Stop with the lock
// held.
func (c *Cache) Refresh(ready chan struct{}) {
	c.mu.Lock()
	close(ready)
	<-c.stop // only Stop closes it, and nobody calls Stop
	c.mu.Unlock()
}

// Stop ends Refresh.
func (c *Cache) Stop() { close(c.stop) }

// Get closes asked and waits for the lock.
func (c *Cache) Get(k string, asked chan struct{}) string {
	close(asked)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.data[k]
}
