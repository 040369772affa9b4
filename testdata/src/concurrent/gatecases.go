package concurrent

import (
	"context"
	"sync"
)

// Two more spellings of a gate. The goroutine waits for its start in a
// select whose other case only returns (the context ended), or on a
// channel field that nothing but the starter closes, after its eviction:
// it flushes only after the eviction returned, and the two orders never
// run at once (lockorder's class-level claim, without a witness, is the
// only one). The twins let the goroutine past the select on the context
// too, or close the field before the eviction.

type StoreSel struct {
	mu    sync.Mutex
	cache *CacheSel
}

type CacheSel struct {
	mu    sync.Mutex
	store *StoreSel
}

func (s *StoreSel) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheSel) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreSel\)\.mu acquired while holding \(\*CacheSel\)\.mu; \(\*StoreSel\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunSelectGated(ctx context.Context, s *StoreSel) {
	start := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-start:
		case <-ctx.Done():
			return
		}
		s.flush()
	}()
	s.cache.evict()
	close(start)
	<-done
}

type StoreSelAny struct {
	mu    sync.Mutex
	cache *CacheSelAny
}

type CacheSelAny struct {
	mu    sync.Mutex
	store *StoreSelAny
}

func (s *StoreSelAny) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheSelAny) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreSelAny\)\.mu acquired while holding \(\*CacheSelAny\)\.mu; \(\*StoreSelAny\)\.flush takes them in the opposite order; RunSelectEither runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunSelectEither(ctx context.Context, s *StoreSelAny) {
	start := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-start:
		case <-ctx.Done(): // flushes anyway
		}
		s.flush()
	}()
	s.cache.evict()
	close(start)
	<-done
}

type StoreField struct {
	mu    sync.Mutex
	cache *CacheField
	ready chan struct{}
}

type CacheField struct {
	mu    sync.Mutex
	store *StoreField
}

func NewStoreField() *StoreField {
	s := &StoreField{ready: make(chan struct{})}
	s.cache = &CacheField{store: s}
	return s
}

func (s *StoreField) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheField) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreField\)\.mu acquired while holding \(\*CacheField\)\.mu; \(\*StoreField\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *StoreField) Prime() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-s.ready
		s.flush()
	}()
	s.cache.evict()
	close(s.ready)
	<-done
}

type StoreFieldOpen struct {
	mu    sync.Mutex
	cache *CacheFieldOpen
	ready chan struct{}
}

type CacheFieldOpen struct {
	mu    sync.Mutex
	store *StoreFieldOpen
}

func NewStoreFieldOpen() *StoreFieldOpen {
	s := &StoreFieldOpen{ready: make(chan struct{})}
	s.cache = &CacheFieldOpen{store: s}
	return s
}

func (s *StoreFieldOpen) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheFieldOpen) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreFieldOpen\)\.mu acquired while holding \(\*CacheFieldOpen\)\.mu; \(\*StoreFieldOpen\)\.flush takes them in the opposite order; \(\*StoreFieldOpen\)\.Prime runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *StoreFieldOpen) Prime() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-s.ready
		s.flush()
	}()
	close(s.ready)
	s.cache.evict()
	<-done
}

// A gate closed by a deferred call registered before the go statement: it
// opens when the starter returns, after its own nesting. The twin closes
// it at once.

type ClusterDG struct {
	mu sync.Mutex
	n  int
}

type ServerDG struct {
	mu sync.Mutex
	c  *ClusterDG
}

func (s *ServerDG) loop(ready <-chan struct{}) {
	<-ready
	s.mu.Lock()
	s.c.mu.Lock()
	s.c.n++
	s.c.mu.Unlock()
	s.mu.Unlock()
}

func (s *ServerDG) Start() {
	ready := make(chan struct{})
	defer close(ready)
	go s.loop(ready)
	s.c.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*ServerDG\)\.mu acquired while holding \(\*ClusterDG\)\.mu; \(\*ServerDG\)\.loop takes them in the opposite order$`
	s.c.n = 1
	s.mu.Unlock()
	s.c.mu.Unlock()
}

type ClusterDGNow struct {
	mu sync.Mutex
	n  int
}

type ServerDGNow struct {
	mu sync.Mutex
	c  *ClusterDGNow
}

func (s *ServerDGNow) loop(ready <-chan struct{}) {
	<-ready
	s.mu.Lock()
	s.c.mu.Lock()
	s.c.n++
	s.c.mu.Unlock()
	s.mu.Unlock()
}

func (s *ServerDGNow) Start() {
	ready := make(chan struct{})
	go s.loop(ready)
	close(ready)
	s.c.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*ServerDGNow\)\.mu acquired while holding \(\*ClusterDGNow\)\.mu; \(\*ServerDGNow\)\.loop takes them in the opposite order; \(\*ServerDGNow\)\.Start runs both at once$`
	s.c.n = 1
	s.mu.Unlock()
	s.c.mu.Unlock()
}
