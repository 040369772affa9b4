package concurrent

import "sync"

// A goroutine waited for before the other order runs: it closes done when
// it returns, and RunJoined receives from done before it evicts. The two
// orders never run at once (lockorder's class-level claim, without a
// witness, is the only one).

type Store3 struct {
	mu    sync.Mutex
	cache *Cache3
}

type Cache3 struct {
	mu    sync.Mutex
	store *Store3
}

func (s *Store3) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache3) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store3\)\.mu acquired while holding \(\*Cache3\)\.mu; \(\*Store3\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunJoined(s *Store3) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.flush()
	}()
	<-done
	s.cache.evict()
}

// The twin waits for the goroutine only after it has evicted: the two
// orders run at once.

type Store4 struct {
	mu    sync.Mutex
	cache *Cache4
}

type Cache4 struct {
	mu    sync.Mutex
	store *Store4
}

func (s *Store4) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache4) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store4\)\.mu acquired while holding \(\*Cache4\)\.mu; \(\*Store4\)\.flush takes them in the opposite order; RunLate runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunLate(s *Store4) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.flush()
	}()
	s.cache.evict()
	<-done
}

// The same with a WaitGroup: the goroutine counts it down when it
// returns, and RunWaited waits for it before it evicts.

type Store5 struct {
	mu    sync.Mutex
	cache *Cache5
}

type Cache5 struct {
	mu    sync.Mutex
	store *Store5
}

func (s *Store5) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache5) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store5\)\.mu acquired while holding \(\*Cache5\)\.mu; \(\*Store5\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunWaited(s *Store5) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.flush()
	}()
	wg.Wait()
	s.cache.evict()
}
