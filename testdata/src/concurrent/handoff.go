package concurrent

import "sync"

// Two goroutines started one after the other, the second of which waits,
// before its order, for a channel that only the first closes once its own
// order is done: they take the orders one after the other. flush and evict
// are also called without it (flushAlone), so the class-level cycle
// (lockorder's) stays.

type Store28 struct {
	mu    sync.Mutex
	cache *Cache28
}

type Cache28 struct {
	mu    sync.Mutex
	store *Store28
}

func (s *Store28) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache28) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store28\)\.mu acquired while holding \(\*Cache28\)\.mu; \(\*Store28\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store28) flushAlone() { s.flush() }

func RunFlushedFirst(s *Store28) {
	flushed := make(chan struct{})
	go func() {
		s.flush()
		close(flushed)
	}()
	go func() {
		<-flushed
		s.cache.evict()
	}()
}

// The twin's first goroutine closes the channel before it flushes: the
// second may evict while it does.

type Store29 struct {
	mu    sync.Mutex
	cache *Cache29
}

type Cache29 struct {
	mu    sync.Mutex
	store *Store29
}

func (s *Store29) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache29) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store29\)\.mu acquired while holding \(\*Cache29\)\.mu; \(\*Store29\)\.flush takes them in the opposite order; RunStartedFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store29) flushAlone() { s.flush() }

func RunStartedFirst(s *Store29) {
	started := make(chan struct{})
	go func() {
		close(started)
		s.flush()
	}()
	go func() {
		<-started
		s.cache.evict()
	}()
}
