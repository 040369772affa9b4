package concurrent

import "sync"

// A gate object made by a constructor: a Cond over a flag in its fields,
// Wait loops until the flag is set, Open sets it. The goroutine begins by
// waiting on a gate its starter made and opens only after its eviction:
// it flushes only after the eviction returned. The twin opens the gate
// before evicting.

type phaseGate struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

func newPhaseGate() *phaseGate {
	g := &phaseGate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *phaseGate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Broadcast()
}

func (g *phaseGate) Wait() {
	g.mu.Lock()
	for !g.open {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

type StoreGate struct {
	mu    sync.Mutex
	cache *CacheGate
}

type CacheGate struct {
	mu    sync.Mutex
	store *StoreGate
}

func (s *StoreGate) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheGate) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreGate\)\.mu acquired while holding \(\*CacheGate\)\.mu; \(\*StoreGate\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunPhased(s *StoreGate) {
	g := newPhaseGate()
	done := make(chan struct{})
	go func() {
		defer close(done)
		g.Wait()
		s.flush()
	}()
	s.cache.evict()
	g.Open()
	<-done
}

type StoreGateOpen struct {
	mu    sync.Mutex
	cache *CacheGateOpen
}

type CacheGateOpen struct {
	mu    sync.Mutex
	store *StoreGateOpen
}

func (s *StoreGateOpen) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *CacheGateOpen) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*StoreGateOpen\)\.mu acquired while holding \(\*CacheGateOpen\)\.mu; \(\*StoreGateOpen\)\.flush takes them in the opposite order; RunPhasedOpenFirst runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunPhasedOpenFirst(s *StoreGateOpen) {
	g := newPhaseGate()
	done := make(chan struct{})
	go func() {
		defer close(done)
		g.Wait()
		s.flush()
	}()
	g.Open()
	s.cache.evict()
	<-done
}
