package cache

import "sync"

type Cache struct {
	mu   sync.RWMutex
	m    map[string]int
	once sync.Once
}

func (c *Cache) init() { c.m = make(map[string]int) }

func (c *Cache) Put(k string, v int) {
	c.once.Do(c.init)
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

func (c *Cache) Get(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}
