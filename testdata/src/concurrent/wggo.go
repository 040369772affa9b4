package concurrent

import "sync"

// WaitGroup.Go counts its goroutine down when the function returns: a Wait
// on that group before the other order joins the goroutine, as a deferred
// Done would.

type Store30 struct {
	mu    sync.Mutex
	cache *Cache30
}

type Cache30 struct {
	mu    sync.Mutex
	store *Store30
}

func (s *Store30) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache30) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store30\)\.mu acquired while holding \(\*Cache30\)\.mu; \(\*Store30\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunGoJoined(s *Store30) {
	var wg sync.WaitGroup
	wg.Go(s.flush)
	wg.Wait()
	s.cache.evict()
}

// The twin waits only after it evicts.

type Store31 struct {
	mu    sync.Mutex
	cache *Cache31
}

type Cache31 struct {
	mu    sync.Mutex
	store *Store31
}

func (s *Store31) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache31) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store31\)\.mu acquired while holding \(\*Cache31\)\.mu; \(\*Store31\)\.flush takes them in the opposite order; RunGoLate runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunGoLate(s *Store31) {
	var wg sync.WaitGroup
	wg.Go(s.flush)
	s.cache.evict()
	wg.Wait()
}

// A goroutine that ranges over its gate begins by receiving from it, as one
// that receives once does: fed only after the eviction, it flushes after.

type Store32 struct {
	mu    sync.Mutex
	cache *Cache32
}

type Cache32 struct {
	mu    sync.Mutex
	store *Store32
}

func (s *Store32) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache32) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store32\)\.mu acquired while holding \(\*Cache32\)\.mu; \(\*Store32\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunRangeGated(s *Store32) {
	ticks := make(chan int)
	go func() {
		for range ticks {
			s.flush()
		}
	}()
	s.cache.evict()
	ticks <- 1
	close(ticks)
}

// The twin feeds the loop before it evicts.

type Store33 struct {
	mu    sync.Mutex
	cache *Cache33
}

type Cache33 struct {
	mu    sync.Mutex
	store *Store33
}

func (s *Store33) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache33) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store33\)\.mu acquired while holding \(\*Cache33\)\.mu; \(\*Store33\)\.flush takes them in the opposite order; RunRangeOpen runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunRangeOpen(s *Store33) {
	ticks := make(chan int)
	go func() {
		for range ticks {
			s.flush()
		}
	}()
	ticks <- 1
	s.cache.evict()
	close(ticks)
}

// A goroutine that first waits on a WaitGroup its starter counts down only
// after the eviction starts its work after the eviction: a gate, as a
// channel closed there is.

type Store34 struct {
	mu    sync.Mutex
	cache *Cache34
}

type Cache34 struct {
	mu    sync.Mutex
	store *Store34
}

func (s *Store34) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache34) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store34\)\.mu acquired while holding \(\*Cache34\)\.mu; \(\*Store34\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunReadyGated(s *Store34) {
	var ready sync.WaitGroup
	ready.Add(1)
	go func() {
		ready.Wait()
		s.flush()
	}()
	s.cache.evict()
	ready.Done()
}

// The twin counts down before it evicts.

type Store35 struct {
	mu    sync.Mutex
	cache *Cache35
}

type Cache35 struct {
	mu    sync.Mutex
	store *Store35
}

func (s *Store35) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache35) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store35\)\.mu acquired while holding \(\*Cache35\)\.mu; \(\*Store35\)\.flush takes them in the opposite order; RunReadyOpen runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunReadyOpen(s *Store35) {
	var ready sync.WaitGroup
	ready.Add(1)
	go func() {
		ready.Wait()
		s.flush()
	}()
	ready.Done()
	s.cache.evict()
}
