package concurrent

import "sync"

// Two goroutines started one after the other, each reaching its order only
// under the same outer lock: the lock serialises them, and they never run
// at once. flush and evict are also called without it (flushAlone), so
// the class-level cycle (lockorder's, without a witness) stays.

type Store22 struct {
	mu    sync.Mutex
	cache *Cache22
	outer sync.Mutex
}

type Cache22 struct {
	mu    sync.Mutex
	store *Store22
}

func (s *Store22) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache22) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store22\)\.mu acquired while holding \(\*Cache22\)\.mu; \(\*Store22\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store22) flushAlone() { s.flush() }

func RunBothGated(s *Store22) {
	go func() {
		s.outer.Lock()
		s.flush()
		s.outer.Unlock()
	}()
	go func() {
		s.outer.Lock()
		defer s.outer.Unlock()
		s.cache.evict()
	}()
}

// The twin's second goroutine evicts without the outer lock: the two
// orders run at once.

type Store23 struct {
	mu    sync.Mutex
	cache *Cache23
	outer sync.Mutex
}

type Cache23 struct {
	mu    sync.Mutex
	store *Store23
}

func (s *Store23) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache23) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store23\)\.mu acquired while holding \(\*Cache23\)\.mu; \(\*Store23\)\.flush takes them in the opposite order; RunOneGated runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store23) flushAlone() { s.flush() }

func RunOneGated(s *Store23) {
	go func() {
		s.outer.Lock()
		s.flush()
		s.outer.Unlock()
	}()
	go func() {
		s.cache.evict()
	}()
}
