package concurrent

import (
	"sync"
	"time"
)

// A goroutine that signals when it has done its locking, by a plain send
// that no acquisition of its own follows: once RunSignalled has received
// that value, the goroutine will never wait for a lock again, so the
// opposite order taken afterwards cannot close a cycle with it.

type Store17 struct {
	mu    sync.Mutex
	cache *Cache17
}

type Cache17 struct {
	mu    sync.Mutex
	store *Store17
}

func (s *Store17) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache17) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store17\)\.mu acquired while holding \(\*Cache17\)\.mu; \(\*Store17\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunSignalled(s *Store17) int {
	res := make(chan int)
	go func() {
		s.flush()
		res <- 1
	}()
	n := <-res
	s.cache.evict()
	return n
}

// The twin signals first and locks after: the receive orders nothing.

type Store18 struct {
	mu    sync.Mutex
	cache *Cache18
}

type Cache18 struct {
	mu    sync.Mutex
	store *Store18
}

func (s *Store18) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache18) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store18\)\.mu acquired while holding \(\*Cache18\)\.mu; \(\*Store18\)\.flush takes them in the opposite order; RunEarlySignal runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunEarlySignal(s *Store18) int {
	res := make(chan int)
	go func() {
		res <- 1
		s.flush()
	}()
	n := <-res
	s.cache.evict()
	return n
}

// The second twin's channel has another feeder: the value received may be
// that one's, while the first goroutine is still locking.

type Store19 struct {
	mu    sync.Mutex
	cache *Cache19
}

type Cache19 struct {
	mu    sync.Mutex
	store *Store19
}

func (s *Store19) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache19) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store19\)\.mu acquired while holding \(\*Cache19\)\.mu; \(\*Store19\)\.flush takes them in the opposite order; RunFirstOfTwo runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunFirstOfTwo(s *Store19) int {
	res := make(chan int, 2)
	go func() {
		s.flush()
		res <- 1
	}()
	go func() {
		res <- 2
	}()
	first := <-res
	s.cache.evict()
	return first
}

// A goroutine that nests its locks, signals, and then only takes one of
// them at a time, holding nothing else (a refresh loop): after the signal
// it may make RunThenAlone wait, but it never holds one lock while waiting
// for the other, so the opposite order taken after the receive closes no
// cycle with it.

type Store40 struct {
	mu    sync.Mutex
	cache *Cache40
	stop  chan struct{}
}

type Cache40 struct {
	mu    sync.Mutex
	store *Store40
}

func (s *Store40) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache40) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store40\)\.mu acquired while holding \(\*Cache40\)\.mu; \(\*Store40\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunThenAlone(s *Store40) {
	ready := make(chan struct{})
	go func() {
		s.flush()
		close(ready)
		// NewTicker's own locks (the time package's, given nothing of
		// this one) are none of Store40's.
		t := time.NewTicker(time.Second)
		for {
			select {
			case <-t.C:
				s.mu.Lock()
				s.mu.Unlock()
			case <-s.stop:
				return
			}
		}
	}()
	<-ready
	s.cache.evict()
}

// The twin's goroutine nests them again after its signal: both orders run
// at once.

type Store41 struct {
	mu    sync.Mutex
	cache *Cache41
	stop  chan struct{}
}

type Cache41 struct {
	mu    sync.Mutex
	store *Store41
}

func (s *Store41) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache41) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store41\)\.mu acquired while holding \(\*Cache41\)\.mu; \(\*Store41\)\.flush takes them in the opposite order; RunThenNested runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunThenNested(s *Store41, ticks <-chan int) {
	ready := make(chan struct{})
	go func() {
		s.flush()
		close(ready)
		for {
			select {
			case <-ticks:
				s.flush()
			case <-s.stop:
				return
			}
		}
	}()
	<-ready
	s.cache.evict()
}
