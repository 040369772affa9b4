package concurrent

import "sync"

// Two goroutines started together, the second of which waits, before its
// order, on a WaitGroup that only the first counts down once its own order
// is done: they take the orders one after the other. The twin counts down
// before flushing: the second may evict while the first flushes.

type StoreWG struct {
	mu    sync.Mutex
	cache *CacheWG
}

type CacheWG struct {
	mu    sync.Mutex
	store *StoreWG
}

func (s *StoreWG) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheWG) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreWG\)\.mu acquired while holding \(\*CacheWG\)\.mu; \(\*StoreWG\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunFlushedThenEvict(s *StoreWG) {
	var flushed, all sync.WaitGroup
	flushed.Add(1)
	all.Add(2)
	go func() {
		defer all.Done()
		s.flush()
		flushed.Done()
	}()
	go func() {
		defer all.Done()
		flushed.Wait()
		s.cache.evict()
	}()
	all.Wait()
}

type StoreWGEarly struct {
	mu    sync.Mutex
	cache *CacheWGEarly
}

type CacheWGEarly struct {
	mu    sync.Mutex
	store *StoreWGEarly
}

func (s *StoreWGEarly) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheWGEarly) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreWGEarly\)\.mu acquired while holding \(\*CacheWGEarly\)\.mu; \(\*StoreWGEarly\)\.flush takes them in the opposite order; RunCountedDownFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunCountedDownFirst(s *StoreWGEarly) {
	var flushed, all sync.WaitGroup
	flushed.Add(1)
	all.Add(2)
	go func() {
		defer all.Done()
		flushed.Done()
		s.flush()
	}()
	go func() {
		defer all.Done()
		flushed.Wait()
		s.cache.evict()
	}()
	all.Wait()
}
