package concurrent

import "sync"

// The outer lock may be a local mutex the goroutine captures: both sides
// take their orders while holding it.

type Store60 struct {
	mu    sync.Mutex
	cache *Cache60
}

type Cache60 struct {
	mu    sync.Mutex
	store *Store60
}

func (s *Store60) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache60) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store60\)\.mu acquired while holding \(\*Cache60\)\.mu; \(\*Store60\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunUnderLocalGate(s *Store60) {
	var gate sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		gate.Lock()
		defer gate.Unlock()
		s.flush()
	}()
	gate.Lock()
	s.cache.evict()
	gate.Unlock()
	<-done
}

// The twin's goroutine flushes without the gate.

type Store61 struct {
	mu    sync.Mutex
	cache *Cache61
}

type Cache61 struct {
	mu    sync.Mutex
	store *Store61
}

func (s *Store61) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache61) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store61\)\.mu acquired while holding \(\*Cache61\)\.mu; \(\*Store61\)\.flush takes them in the opposite order; RunBesideLocalGate runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunBesideLocalGate(s *Store61) {
	var gate sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.flush()
		gate.Lock()
		gate.Unlock()
	}()
	gate.Lock()
	s.cache.evict()
	gate.Unlock()
	<-done
}
