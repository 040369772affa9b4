package concurrent

import "sync"

// A goroutine that reaches its order only under an outer lock, started by
// a function that reaches the opposite order under the same lock: the
// outer lock serialises the two, and they never run at once. flush and
// evict are also called without it (flushAlone), so the class-level cycle
// (lockorder's, without a witness) stays.

type Store20 struct {
	mu    sync.Mutex
	cache *Cache20
}

type Cache20 struct {
	mu    sync.Mutex
	store *Store20
}

var maintenance sync.Mutex

func (s *Store20) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache20) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store20\)\.mu acquired while holding \(\*Cache20\)\.mu; \(\*Store20\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store20) flushAlone() { s.flush() }

func RunUnderMaintenance(s *Store20) {
	go func() {
		maintenance.Lock()
		s.flush()
		maintenance.Unlock()
	}()
	maintenance.Lock()
	s.cache.evict()
	maintenance.Unlock()
}

// The twin's starter evicts without the outer lock: the two orders run at
// once.

type Store21 struct {
	mu    sync.Mutex
	cache *Cache21
}

type Cache21 struct {
	mu    sync.Mutex
	store *Store21
}

func (s *Store21) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache21) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store21\)\.mu acquired while holding \(\*Cache21\)\.mu; \(\*Store21\)\.flush takes them in the opposite order; RunHalfUnderMaintenance runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store21) flushAlone() { s.flush() }

func RunHalfUnderMaintenance(s *Store21) {
	go func() {
		maintenance.Lock()
		s.flush()
		maintenance.Unlock()
	}()
	s.cache.evict()
}
