package concurrent

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Orders kept by an atomic flag of the starter's frame, or by a mutex of
// it locked before the goroutine starts:
//   - the starter spins on `for !done.Load()` until the goroutine stores
//     true once its locking is over;
//   - the goroutine spins until the starter stores true after its order;
//   - a latch: the goroutine unlocks the starter's mutex once its locking is
//     over, and the starter locks it again before its own order;
//   - a gate: the goroutine begins by locking the mutex the starter holds
//     until after its order.
// Each has a twin that runs the two at once: the flag stored, or the latch
// unlocked, before the goroutine's order; the flag stored, or the gate
// unlocked, before the starter's.

type Store72 struct {
	mu    sync.Mutex
	cache *Cache72
}

type Cache72 struct {
	mu    sync.Mutex
	store *Store72
}

func (s *Store72) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache72) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store72\)\.mu acquired while holding \(\*Cache72\)\.mu; \(\*Store72\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunSpinJoined(s *Store72) {
	var done atomic.Bool
	go func() {
		s.flush()
		done.Store(true)
	}()
	for !done.Load() {
		runtime.Gosched()
	}
	s.cache.evict()
}

type Store73 struct {
	mu    sync.Mutex
	cache *Cache73
}

type Cache73 struct {
	mu    sync.Mutex
	store *Store73
}

func (s *Store73) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache73) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store73\)\.mu acquired while holding \(\*Cache73\)\.mu; \(\*Store73\)\.flush takes them in the opposite order; RunSpinSignalFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunSpinSignalFirst(s *Store73) {
	var started atomic.Bool
	go func() {
		started.Store(true)
		s.flush()
	}()
	for !started.Load() {
		runtime.Gosched()
	}
	s.cache.evict()
}

type Store74 struct {
	mu    sync.Mutex
	cache *Cache74
}

type Cache74 struct {
	mu    sync.Mutex
	store *Store74
}

func (s *Store74) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache74) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store74\)\.mu acquired while holding \(\*Cache74\)\.mu; \(\*Store74\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunSpinGated(s *Store74) {
	var open atomic.Bool
	go func() {
		for !open.Load() {
			runtime.Gosched()
		}
		s.flush()
	}()
	s.cache.evict()
	open.Store(true)
}

type Store75 struct {
	mu    sync.Mutex
	cache *Cache75
}

type Cache75 struct {
	mu    sync.Mutex
	store *Store75
}

func (s *Store75) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache75) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store75\)\.mu acquired while holding \(\*Cache75\)\.mu; \(\*Store75\)\.flush takes them in the opposite order; RunSpinOpenedFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunSpinOpenedFirst(s *Store75) {
	var open atomic.Bool
	go func() {
		for !open.Load() {
			runtime.Gosched()
		}
		s.flush()
	}()
	open.Store(true)
	s.cache.evict()
}

type Store76 struct {
	mu    sync.Mutex
	cache *Cache76
}

type Cache76 struct {
	mu    sync.Mutex
	store *Store76
}

func (s *Store76) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache76) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store76\)\.mu acquired while holding \(\*Cache76\)\.mu; \(\*Store76\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunLatchJoined(s *Store76) {
	var latch sync.Mutex
	latch.Lock()
	go func() {
		s.flush()
		latch.Unlock()
	}()
	latch.Lock()
	s.cache.evict()
	latch.Unlock()
}

type Store77 struct {
	mu    sync.Mutex
	cache *Cache77
}

type Cache77 struct {
	mu    sync.Mutex
	store *Store77
}

func (s *Store77) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache77) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store77\)\.mu acquired while holding \(\*Cache77\)\.mu; \(\*Store77\)\.flush takes them in the opposite order; RunLatchUnlockedFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunLatchUnlockedFirst(s *Store77) {
	var latch sync.Mutex
	latch.Lock()
	go func() {
		latch.Unlock()
		s.flush()
	}()
	latch.Lock()
	s.cache.evict()
	latch.Unlock()
}

type Store78 struct {
	mu    sync.Mutex
	cache *Cache78
}

type Cache78 struct {
	mu    sync.Mutex
	store *Store78
}

func (s *Store78) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache78) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store78\)\.mu acquired while holding \(\*Cache78\)\.mu; \(\*Store78\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunMutexGated(s *Store78) {
	var gate sync.Mutex
	gate.Lock()
	go func() {
		gate.Lock()
		gate.Unlock()
		s.flush()
	}()
	s.cache.evict()
	gate.Unlock()
}

type Store79 struct {
	mu    sync.Mutex
	cache *Cache79
}

type Cache79 struct {
	mu    sync.Mutex
	store *Store79
}

func (s *Store79) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache79) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store79\)\.mu acquired while holding \(\*Cache79\)\.mu; \(\*Store79\)\.flush takes them in the opposite order; RunGateOpenedFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunGateOpenedFirst(s *Store79) {
	var gate sync.Mutex
	gate.Lock()
	go func() {
		gate.Lock()
		gate.Unlock()
		s.flush()
	}()
	gate.Unlock()
	s.cache.evict()
}
