package concurrent

import "sync"

// A goroutine that starts by waiting on a gate: RunGated starts it, evicts,
// and only then closes start, so the goroutine flushes after the eviction
// has returned and the two orders never run at once (lockorder's
// class-level claim, without a witness, is the only one).

type Store6 struct {
	mu    sync.Mutex
	cache *Cache6
}

type Cache6 struct {
	mu    sync.Mutex
	store *Store6
}

func (s *Store6) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache6) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store6\)\.mu acquired while holding \(\*Cache6\)\.mu; \(\*Store6\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunGated(s *Store6) {
	start := make(chan struct{})
	go func() {
		<-start
		s.flush()
	}()
	s.cache.evict()
	close(start)
}

// The twin opens the gate before it evicts: the goroutine may flush while
// the eviction runs.

type Store7 struct {
	mu    sync.Mutex
	cache *Cache7
}

type Cache7 struct {
	mu    sync.Mutex
	store *Store7
}

func (s *Store7) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache7) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store7\)\.mu acquired while holding \(\*Cache7\)\.mu; \(\*Store7\)\.flush takes them in the opposite order; RunOpenFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunOpenFirst(s *Store7) {
	start := make(chan struct{})
	go func() {
		<-start
		s.flush()
	}()
	close(start)
	s.cache.evict()
}

// In a loop the gate opened after one eviction lets that round's goroutine
// flush while the next round evicts.

type Store8 struct {
	mu    sync.Mutex
	cache *Cache8
}

type Cache8 struct {
	mu    sync.Mutex
	store *Store8
}

func (s *Store8) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache8) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store8\)\.mu acquired while holding \(\*Cache8\)\.mu; \(\*Store8\)\.flush takes them in the opposite order; RunRounds runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunRounds(s *Store8, n int) {
	start := make(chan struct{})
	go func() {
		<-start
		s.flush()
	}()
	for range n {
		s.cache.evict()
		start <- struct{}{}
	}
}
