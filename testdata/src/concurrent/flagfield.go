package concurrent

import (
	"sync"
	"sync/atomic"
	"time"
)

// A goroutine that begins by spinning on an atomic flag in a field of its
// starter's object, which nothing in the package sets but the starter,
// after its eviction: the goroutine flushes only after the eviction
// returned. The twin sets the flag before evicting.

type StoreSpin struct {
	mu    sync.Mutex
	cache *CacheSpin
	ready atomic.Bool
}

type CacheSpin struct {
	mu    sync.Mutex
	store *StoreSpin
}

func (s *StoreSpin) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheSpin) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreSpin\)\.mu acquired while holding \(\*CacheSpin\)\.mu; \(\*StoreSpin\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *StoreSpin) Warm() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !s.ready.Load() {
			time.Sleep(time.Millisecond)
		}
		s.flush()
	}()
	s.cache.evict()
	s.ready.Store(true)
	<-done
}

type StoreSpinEarly struct {
	mu    sync.Mutex
	cache *CacheSpinEarly
	ready atomic.Bool
}

type CacheSpinEarly struct {
	mu    sync.Mutex
	store *StoreSpinEarly
}

func (s *StoreSpinEarly) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheSpinEarly) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreSpinEarly\)\.mu acquired while holding \(\*CacheSpinEarly\)\.mu; \(\*StoreSpinEarly\)\.flush takes them in the opposite order; \(\*StoreSpinEarly\)\.Warm runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *StoreSpinEarly) Warm() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !s.ready.Load() {
			time.Sleep(time.Millisecond)
		}
		s.flush()
	}()
	s.ready.Store(true)
	s.cache.evict()
	<-done
}
