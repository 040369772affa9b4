package concurrent

import (
	"context"
	"sync"
)

// Orders kept by a Cond-guarded flag of the starter's frame, or by a
// context only the starter cancels:
//   - the starter waits in `for !finished { cond.Wait() }` for the flag the
//     goroutine sets once its locking is over;
//   - the goroutine begins by waiting for a flag the starter sets after
//     its own order;
//   - the goroutine begins with <-ctx.Done() on a WithCancel of
//     context.Background() that the starter cancels after its order.
// Each has a twin that runs the two at once: the flag set before the
// goroutine's order, the gate opened before the starter's, a parent
// context the caller may cancel at any time.

type Store62 struct {
	mu    sync.Mutex
	cache *Cache62
}

type Cache62 struct {
	mu    sync.Mutex
	store *Store62
}

func (s *Store62) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache62) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store62\)\.mu acquired while holding \(\*Cache62\)\.mu; \(\*Store62\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunCondJoined(s *Store62) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	finished := false
	go func() {
		s.flush()
		mu.Lock()
		finished = true
		mu.Unlock()
		cond.Broadcast()
	}()
	mu.Lock()
	for !finished {
		cond.Wait()
	}
	mu.Unlock()
	s.cache.evict()
}

type Store63 struct {
	mu    sync.Mutex
	cache *Cache63
}

type Cache63 struct {
	mu    sync.Mutex
	store *Store63
}

func (s *Store63) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache63) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store63\)\.mu acquired while holding \(\*Cache63\)\.mu; \(\*Store63\)\.flush takes them in the opposite order; RunCondSignalFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunCondSignalFirst(s *Store63) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	started := false
	go func() {
		mu.Lock()
		started = true
		mu.Unlock()
		cond.Broadcast()
		s.flush()
	}()
	mu.Lock()
	for !started {
		cond.Wait()
	}
	mu.Unlock()
	s.cache.evict()
}

type Store64 struct {
	mu    sync.Mutex
	cache *Cache64
}

type Cache64 struct {
	mu    sync.Mutex
	store *Store64
}

func (s *Store64) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache64) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store64\)\.mu acquired while holding \(\*Cache64\)\.mu; \(\*Store64\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunCondGated(s *Store64) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	open := false
	go func() {
		mu.Lock()
		for !open {
			cond.Wait()
		}
		mu.Unlock()
		s.flush()
	}()
	s.cache.evict()
	mu.Lock()
	open = true
	mu.Unlock()
	cond.Broadcast()
}

type Store65 struct {
	mu    sync.Mutex
	cache *Cache65
}

type Cache65 struct {
	mu    sync.Mutex
	store *Store65
}

func (s *Store65) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache65) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store65\)\.mu acquired while holding \(\*Cache65\)\.mu; \(\*Store65\)\.flush takes them in the opposite order; RunCondOpenedFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunCondOpenedFirst(s *Store65) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	open := false
	go func() {
		mu.Lock()
		for !open {
			cond.Wait()
		}
		mu.Unlock()
		s.flush()
	}()
	mu.Lock()
	open = true
	mu.Unlock()
	cond.Broadcast()
	s.cache.evict()
}

type Store66 struct {
	mu    sync.Mutex
	cache *Cache66
}

type Cache66 struct {
	mu    sync.Mutex
	store *Store66
}

func (s *Store66) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache66) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store66\)\.mu acquired while holding \(\*Cache66\)\.mu; \(\*Store66\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunCtxGated(s *Store66) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-ctx.Done()
		s.flush()
	}()
	s.cache.evict()
	cancel()
}

type Store67 struct {
	mu    sync.Mutex
	cache *Cache67
}

type Cache67 struct {
	mu    sync.Mutex
	store *Store67
}

func (s *Store67) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache67) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store67\)\.mu acquired while holding \(\*Cache67\)\.mu; \(\*Store67\)\.flush takes them in the opposite order; RunCtxOfCaller runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunCtxOfCaller(parent context.Context, s *Store67) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		<-ctx.Done()
		s.flush()
	}()
	s.cache.evict()
}

type Store70 struct {
	mu    sync.Mutex
	cache *Cache70
}

type Cache70 struct {
	mu    sync.Mutex
	store *Store70
}

func (s *Store70) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache70) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store70\)\.mu acquired while holding \(\*Cache70\)\.mu; \(\*Store70\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

// The starter waits for the context only the goroutine cancels, after its
// order: a join.
func RunCtxJoined(s *Store70) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		s.flush()
		cancel()
	}()
	<-ctx.Done()
	s.cache.evict()
}

type Store71 struct {
	mu    sync.Mutex
	cache *Cache71
}

type Cache71 struct {
	mu    sync.Mutex
	store *Store71
}

func (s *Store71) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache71) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store71\)\.mu acquired while holding \(\*Cache71\)\.mu; \(\*Store71\)\.flush takes them in the opposite order; RunCtxCancelledFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

// The twin cancels before its order.
func RunCtxCancelledFirst(s *Store71) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		cancel()
		s.flush()
	}()
	<-ctx.Done()
	s.cache.evict()
}
