package concurrent

import "sync"

// Both orders run as functions handed to a helper that calls them under
// its own lock: the helper's lock is an outer lock of both. The twin's
// helper lets its lock go before it calls the function.

type Cache84 struct{ mu sync.Mutex }

type Store84 struct {
	mu    sync.Mutex
	cache *Cache84
	n     int
}

func (s *Store84) storeThenCache() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.n++
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store84) cacheThenStore() {
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*Store84\)\.mu acquired while holding \(\*Cache84\)\.mu; \(\*Store84\)\.storeThenCache takes them in the opposite order$`
	s.n--
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

type Compactor84 struct{ mu sync.Mutex }

func (c *Compactor84) Exclusive(fn func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fn()
}

func (s *Store84) Maintain(c *Compactor84) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.Exclusive(s.cacheThenStore)
	}()
	c.Exclusive(s.storeThenCache)
	wg.Wait()
}

type Cache85 struct{ mu sync.Mutex }

type Store85 struct {
	mu    sync.Mutex
	cache *Cache85
	n     int
}

func (s *Store85) storeThenCache() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.n++
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store85) cacheThenStore() {
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*Store85\)\.mu acquired while holding \(\*Cache85\)\.mu; \(\*Store85\)\.storeThenCache takes them in the opposite order; \(\*Store85\)\.Maintain runs both at once$`
	s.n--
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

type Compactor85 struct {
	mu    sync.Mutex
	count int
}

func (c *Compactor85) Counted(fn func()) {
	c.mu.Lock()
	c.count++
	c.mu.Unlock()
	fn()
}

func (s *Store85) Maintain(c *Compactor85) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.Counted(s.cacheThenStore)
	}()
	c.Counted(s.storeThenCache)
	wg.Wait()
}
