package concurrent

import "sync"

// A local mutex locked before the go statement, which the goroutine
// unlocks in a deferred call (nothing deferred before it that may lock):
// the starter's second Lock returns only after the goroutine's locking is
// over. The twin's goroutine defers a call that locks before its Unlock,
// so that call runs after the Unlock.

type Cache82 struct{ mu sync.Mutex }

type Store82 struct {
	mu    sync.Mutex
	cache *Cache82
	n     int
}

func (s *Store82) cacheThenStore() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store82) Recover() {
	var fin sync.Mutex
	fin.Lock()
	go func() {
		defer fin.Unlock()
		s.cacheThenStore()
	}()
	fin.Lock()
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache82\)\.mu acquired while holding \(\*Store82\)\.mu; \(\*Store82\)\.cacheThenStore takes them in the opposite order$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
	fin.Unlock()
}

type Cache83 struct{ mu sync.Mutex }

type Store83 struct {
	mu    sync.Mutex
	cache *Cache83
	n     int
}

func (s *Store83) cacheThenStore() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store83) Recover() {
	var fin sync.Mutex
	fin.Lock()
	go func() {
		defer s.cacheThenStore()
		defer fin.Unlock()
	}()
	fin.Lock()
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache83\)\.mu acquired while holding \(\*Store83\)\.mu; \(\*Store83\)\.cacheThenStore takes them in the opposite order; \(\*Store83\)\.Recover runs both at once$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
	fin.Unlock()
}
