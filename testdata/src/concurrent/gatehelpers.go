package concurrent

import "sync"

// Gates reached through helpers: the goroutine waits on a channel field
// through its getter (<-s.Ready()); the field is closed by a helper that
// closes it once (c.once.Do), which the starter calls only after its
// eviction; a method that takes its gate as a parameter. In each, the
// goroutine flushes only after the eviction returned. The twins open the
// gate before evicting.

type StoreHelp struct {
	mu    sync.Mutex
	cache *CacheHelp
	ready chan struct{}
	once  sync.Once
}

type CacheHelp struct {
	mu    sync.Mutex
	store *StoreHelp
}

func (s *StoreHelp) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheHelp) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreHelp\)\.mu acquired while holding \(\*CacheHelp\)\.mu; \(\*StoreHelp\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func NewStoreHelp() *StoreHelp {
	s := &StoreHelp{ready: make(chan struct{})}
	s.cache = &CacheHelp{store: s}
	return s
}

func (s *StoreHelp) Ready() <-chan struct{} { return s.ready }

func (s *StoreHelp) markReady() { s.once.Do(func() { close(s.ready) }) }

func (s *StoreHelp) waitThenFlush(gate <-chan struct{}) {
	<-gate
	s.flush()
}

func (s *StoreHelp) RunViaGetter() {
	go func() {
		<-s.Ready()
		s.flush()
	}()
	s.cache.evict()
	s.markReady()
}

func (s *StoreHelp) RunViaParam() {
	gate := make(chan struct{})
	go s.waitThenFlush(gate)
	s.cache.evict()
	close(gate)
}

type StoreHelpOpen struct {
	mu    sync.Mutex
	cache *CacheHelpOpen
	ready chan struct{}
	once  sync.Once
}

type CacheHelpOpen struct {
	mu    sync.Mutex
	store *StoreHelpOpen
}

func (s *StoreHelpOpen) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheHelpOpen) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreHelpOpen\)\.mu acquired while holding \(\*CacheHelpOpen\)\.mu; \(\*StoreHelpOpen\)\.flush takes them in the opposite order; \(\*StoreHelpOpen\)\.RunViaGetter runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func NewStoreHelpOpen() *StoreHelpOpen {
	s := &StoreHelpOpen{ready: make(chan struct{})}
	s.cache = &CacheHelpOpen{store: s}
	return s
}

func (s *StoreHelpOpen) Ready() <-chan struct{} { return s.ready }

func (s *StoreHelpOpen) markReady() { s.once.Do(func() { close(s.ready) }) }

func (s *StoreHelpOpen) RunViaGetter() {
	go func() {
		<-s.Ready()
		s.flush()
	}()
	s.markReady()
	s.cache.evict()
}
