package concurrent

import "sync"

// A latch made of a mutex: its constructor returns it locked, Wait locks
// and unlocks it (it returns once someone has unlocked it), Open unlocks
// it. The goroutine begins by waiting on a latch its starter opens only
// after its eviction: it flushes only after the eviction returned. The
// twin opens the latch before evicting.

type startLatch struct{ mu sync.Mutex }

func newStartLatch() *startLatch {
	l := &startLatch{}
	l.mu.Lock()
	return l
}

func (l *startLatch) Open() { l.mu.Unlock() }

func (l *startLatch) Wait() {
	l.mu.Lock()
	l.mu.Unlock()
}

type StoreLatch struct {
	mu    sync.Mutex
	cache *CacheLatch
}

type CacheLatch struct {
	mu    sync.Mutex
	store *StoreLatch
}

func (s *StoreLatch) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheLatch) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreLatch\)\.mu acquired while holding \(\*CacheLatch\)\.mu; \(\*StoreLatch\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunLatched(s *StoreLatch) {
	start := newStartLatch()
	done := make(chan struct{})
	go func() {
		defer close(done)
		start.Wait()
		s.flush()
	}()
	s.cache.evict()
	start.Open()
	<-done
}

type StoreLatchOpen struct {
	mu    sync.Mutex
	cache *CacheLatchOpen
}

type CacheLatchOpen struct {
	mu    sync.Mutex
	store *StoreLatchOpen
}

func (s *StoreLatchOpen) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheLatchOpen) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreLatchOpen\)\.mu acquired while holding \(\*CacheLatchOpen\)\.mu; \(\*StoreLatchOpen\)\.flush takes them in the opposite order; RunLatchedOpenFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunLatchedOpenFirst(s *StoreLatchOpen) {
	start := newStartLatch()
	done := make(chan struct{})
	go func() {
		defer close(done)
		start.Wait()
		s.flush()
	}()
	start.Open()
	s.cache.evict()
	<-done
}
