package cond

import "sync"

// slot waits on its own Cond; the ring signals it through the field it
// copied the pointer into (r.waiting = s.ready), not through s.ready.
type slot struct {
	ready *sync.Cond
	full  bool
}

type ring struct {
	mu      sync.Mutex
	waiting *sync.Cond
	slots   []*slot
}

func newRing(n int) *ring {
	r := &ring{}
	for i := 0; i < n; i++ {
		r.slots = append(r.slots, &slot{ready: sync.NewCond(&r.mu)})
	}
	return r
}

// goodAliasWait is woken by finish, which signals the same Cond under the
// name wait gave it.
func (r *ring) goodAliasWait(i int) {
	s := r.slots[i]
	s.ready.L.Lock()
	for !s.full {
		r.waiting = s.ready
		s.ready.Wait()
	}
	s.ready.L.Unlock()
}

func (r *ring) finish() {
	if r.waiting != nil {
		r.waiting.Signal()
		r.waiting = nil
	}
}

// gate's Cond is never copied and never signalled.
type gate struct {
	open  *sync.Cond
	ready bool
}

func newGate() *gate { return &gate{open: sync.NewCond(&sync.Mutex{})} }

func (g *gate) badWaitOpen() {
	g.open.L.Lock()
	for !g.ready {
		g.open.Wait() // want `Cond\.Wait on \(\*gate\)\.open never returns: nothing in the package signals or broadcasts on it`
	}
	g.open.L.Unlock()
}
