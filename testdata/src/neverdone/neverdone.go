// Package neverdone: WaitGroups only the package can name, added to and
// never counted down, beside twins that count down somewhere or let the
// WaitGroup out, which stay silent.
package neverdone

import "sync"

// A task counter with no Done anywhere: Stop waits forever after one
// StartTask, holding mu, which StartTask needs next.
type stopper struct {
	mu    sync.Mutex
	drain sync.WaitGroup
}

func (s *stopper) StartTask() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drain.Add(1)
}

func (s *stopper) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drain.Wait() // want `WaitGroup.Wait on \(\*stopper\).drain blocks forever once it is added to: nothing in the package calls Done on it`
}

func NewStopper() *stopper { return &stopper{} }

// The fixed twin: FinishTask counts down.
type goodStopper struct {
	drain sync.WaitGroup
}

func (s *goodStopper) StartTask()  { s.drain.Add(1) }
func (s *goodStopper) FinishTask() { s.drain.Done() }
func (s *goodStopper) Stop()       { s.drain.Wait() }

// A package-level WaitGroup with no Done.
var workers sync.WaitGroup

func StartWorker() {
	workers.Add(1)
	go func() {}()
}

func WaitWorkers() {
	workers.Wait() // want `WaitGroup.Wait on workers blocks forever once it is added to: nothing in the package calls Done on it`
}

// Twin: the goroutine defers Done.
var goodWorkers sync.WaitGroup

func StartGoodWorker() {
	goodWorkers.Add(1)
	go func() { defer goodWorkers.Done() }()
}

func WaitGoodWorkers() { goodWorkers.Wait() }

// Twins whose WaitGroup leaves the package's sight: its address handed to
// a function, its Done handed out as a method value, a delta not known to
// be positive, WaitGroup.Go, an exported field.
type handed struct{ wg sync.WaitGroup }

func (h *handed) Start(finish func(*sync.WaitGroup)) {
	h.wg.Add(1)
	go finish(&h.wg)
}

func (h *handed) Wait() { h.wg.Wait() }

type bound struct{ wg sync.WaitGroup }

func (b *bound) Start(run func(done func())) {
	b.wg.Add(1)
	go run(b.wg.Done)
}

func (b *bound) Wait() { b.wg.Wait() }

type delta struct{ wg sync.WaitGroup }

func (d *delta) Add(n int) { d.wg.Add(n) }
func (d *delta) Start()    { d.wg.Add(1) }
func (d *delta) Wait()     { d.wg.Wait() }

type viaGo struct{ wg sync.WaitGroup }

func (v *viaGo) Start() { v.wg.Add(1); v.wg.Go(func() {}) }
func (v *viaGo) Wait()  { v.wg.Wait() }

type Exported struct{ WG sync.WaitGroup }

func (e *Exported) Start() { e.WG.Add(1) }
func (e *Exported) Wait()  { e.WG.Wait() }
