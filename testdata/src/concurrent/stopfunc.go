package concurrent

import (
	"context"
	"sync"
)

// A starter returns the function that stops what it started: it closes
// quit and waits for the goroutine's deferred close of done. Calling it
// before the other order (Store86) joins the goroutine; taking the other
// order first (Store87), or a stop function that only signals and does
// not wait (Store88), leaves the goroutine running beside it. The stop
// function may wait on a WaitGroup instead, which the goroutine counts
// down in a deferred call (Store91); counted down before its work
// (Store92), the Wait says nothing of it.

type Cache86 struct{ mu sync.Mutex }

type Store86 struct {
	mu    sync.Mutex
	cache *Cache86
	n     int
}

func (s *Store86) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store86) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache86\)\.mu acquired while holding \(\*Store86\)\.mu; \(\*Store86\)\.refresh takes them in the opposite order$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store86) startRefresher() (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-quit:
				return
			default:
				s.refresh()
			}
		}
	}()
	return func() { close(quit); <-done }
}

func (s *Store86) Run() {
	stop := s.startRefresher()
	stop()
	s.flush()
}

type Cache87 struct{ mu sync.Mutex }

type Store87 struct {
	mu    sync.Mutex
	cache *Cache87
	n     int
}

func (s *Store87) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store87) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache87\)\.mu acquired while holding \(\*Store87\)\.mu; \(\*Store87\)\.refresh takes them in the opposite order; \(\*Store87\)\.Run runs both at once$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store87) startRefresher() (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-quit:
				return
			default:
				s.refresh()
			}
		}
	}()
	return func() { close(quit); <-done }
}

func (s *Store87) Run() {
	stop := s.startRefresher()
	s.flush()
	stop()
}

type Cache88 struct{ mu sync.Mutex }

type Store88 struct {
	mu    sync.Mutex
	cache *Cache88
	n     int
}

func (s *Store88) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store88) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache88\)\.mu acquired while holding \(\*Store88\)\.mu; \(\*Store88\)\.refresh takes them in the opposite order; \(\*Store88\)\.Run runs both at once$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store88) startRefresher() (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-quit:
				return
			default:
				s.refresh()
			}
		}
	}()
	return func() { close(quit) }
}

func (s *Store88) Run() {
	stop := s.startRefresher()
	stop()
	s.flush()
}

type Cache91 struct{ mu sync.Mutex }

type Store91 struct {
	mu    sync.Mutex
	cache *Cache91
	n     int
}

func (s *Store91) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store91) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache91\)\.mu acquired while holding \(\*Store91\)\.mu; \(\*Store91\)\.refresh takes them in the opposite order$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store91) startRefresher() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			s.refresh()
		}
	}()
	return func() { cancel(); wg.Wait() }
}

func (s *Store91) Run() {
	stop := s.startRefresher()
	stop()
	s.flush()
}

type Cache92 struct{ mu sync.Mutex }

type Store92 struct {
	mu    sync.Mutex
	cache *Cache92
	n     int
}

func (s *Store92) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store92) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache92\)\.mu acquired while holding \(\*Store92\)\.mu; \(\*Store92\)\.refresh takes them in the opposite order; \(\*Store92\)\.Run runs both at once$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store92) startRefresher() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		for ctx.Err() == nil {
			s.refresh()
		}
	}()
	return func() { cancel(); wg.Wait() }
}

func (s *Store92) Run() {
	stop := s.startRefresher()
	stop()
	s.flush()
}
