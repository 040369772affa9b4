package concurrent

import (
	"context"
	"sync"
)

// The loop waits on a context kept in a field; Start cancels it, through
// the field, only after its own nesting. The twin cancels it before.

type ACF struct {
	mu sync.Mutex
	n  int
}

type BCF struct {
	mu sync.Mutex
	n  int
}

type SCF struct {
	a           ACF
	b           *BCF
	startCtx    context.Context
	startCancel context.CancelFunc
	done        chan struct{}
}

func (s *SCF) loop() {
	defer close(s.done)
	<-s.startCtx.Done()
	s.a.mu.Lock()
	s.b.mu.Lock()
	s.b.n++
	s.b.mu.Unlock()
	s.a.mu.Unlock()
}

func (s *SCF) Start() {
	s.startCtx, s.startCancel = context.WithCancel(context.Background())
	go s.loop()
	s.b.mu.Lock()
	s.a.mu.Lock() // want `lock-order cycle: \(\*ACF\)\.mu acquired while holding \(\*BCF\)\.mu; \(\*SCF\)\.loop takes them in the opposite order$`
	s.a.n++
	s.a.mu.Unlock()
	s.b.mu.Unlock()
	s.startCancel()
}

type ACFEarly struct {
	mu sync.Mutex
	n  int
}

type BCFEarly struct {
	mu sync.Mutex
	n  int
}

type SCFEarly struct {
	a           ACFEarly
	b           *BCFEarly
	startCtx    context.Context
	startCancel context.CancelFunc
	done        chan struct{}
}

func (s *SCFEarly) loop() {
	defer close(s.done)
	<-s.startCtx.Done()
	s.a.mu.Lock()
	s.b.mu.Lock()
	s.b.n++
	s.b.mu.Unlock()
	s.a.mu.Unlock()
}

func (s *SCFEarly) Start() {
	s.startCtx, s.startCancel = context.WithCancel(context.Background())
	go s.loop()
	s.startCancel()
	s.b.mu.Lock()
	s.a.mu.Lock() // want `lock-order cycle: \(\*ACFEarly\)\.mu acquired while holding \(\*BCFEarly\)\.mu; \(\*SCFEarly\)\.loop takes them in the opposite order; \(\*SCFEarly\)\.Start runs both at once$`
	s.a.n++
	s.a.mu.Unlock()
	s.b.mu.Unlock()
}

// SCFStop's cancel is also called by Stop, which another goroutine may
// call while Start still nests: the gate may open at any time.
type ACFStop struct {
	mu sync.Mutex
	n  int
}

type BCFStop struct {
	mu sync.Mutex
	n  int
}

type SCFStop struct {
	a           ACFStop
	b           *BCFStop
	startCtx    context.Context
	startCancel context.CancelFunc
	done        chan struct{}
}

func (s *SCFStop) loop() {
	defer close(s.done)
	<-s.startCtx.Done()
	s.a.mu.Lock()
	s.b.mu.Lock()
	s.b.n++
	s.b.mu.Unlock()
	s.a.mu.Unlock()
}

func (s *SCFStop) Stop() { s.startCancel() }

func (s *SCFStop) Start() {
	s.startCtx, s.startCancel = context.WithCancel(context.Background())
	go s.loop()
	s.b.mu.Lock()
	s.a.mu.Lock() // want `lock-order cycle: \(\*ACFStop\)\.mu acquired while holding \(\*BCFStop\)\.mu; \(\*SCFStop\)\.loop takes them in the opposite order; \(\*SCFStop\)\.Start runs both at once$`
	s.a.n++
	s.a.mu.Unlock()
	s.b.mu.Unlock()
	s.startCancel()
}
