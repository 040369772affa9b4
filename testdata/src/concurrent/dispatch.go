package concurrent

import "sync"

// Interface calls. Group.Stop leaves the registry (Registry.mu), then stops
// the group it chains to under its own lock: next.Stop(), which reaches
// (*Group).Stop, and Registry.mu, only if next holds a *Group. Any caller
// of SetNext may pass a Stopper of any type of any package, so that order
// (Group.mu, then Registry.mu, through next.Stop()) is a guess: its cycle
// with Registry.each (Registry.mu, then Group.mu) is lockorder's, without
// a witness.

type Stopper interface{ Stop() }

type Registry struct {
	mu     sync.Mutex
	groups []*Group
}

func (r *Registry) remove() {
	r.mu.Lock()
	r.groups = nil
	r.mu.Unlock()
}

func (r *Registry) each(f func(*Group)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, g := range r.groups {
		f(g)
	}
}

type Group struct {
	mu   sync.Mutex
	reg  *Registry
	next Stopper
}

func (g *Group) SetNext(s Stopper) { g.next = s }

func (g *Group) Stop() {
	g.reg.remove()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.next != nil {
		g.next.Stop()
	}
}

func (g *Group) touch() {
	g.mu.Lock()
	g.mu.Unlock()
}

func RunGroups(r *Registry, g *Group) {
	go g.Stop()
	r.each(func(g *Group) { g.touch() }) // want `lock-order cycle: \(\*Group\)\.mu acquired while holding \(\*Registry\)\.mu; \(\*Group\)\.Stop takes them in the opposite order$`
}

// The twin: next is set only by a constructor of this package, to a
// *group2 (its own concrete type): next.Halt() reaches (*group2).Halt for
// certain, and the order is taken while the other runs.

type Halter interface{ Halt() }

type Registry2 struct {
	mu     sync.Mutex
	groups []*group2
}

func (r *Registry2) remove() {
	r.mu.Lock()
	r.groups = nil
	r.mu.Unlock()
}

func (r *Registry2) each(f func(*group2)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, g := range r.groups {
		f(g)
	}
}

type group2 struct {
	mu   sync.Mutex
	reg  *Registry2
	next Halter
}

func newGroup2(r *Registry2, next *group2) *group2 {
	return &group2{reg: r, next: next}
}

func (g *group2) Halt() {
	g.reg.remove()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.next != nil {
		g.next.Halt()
	}
}

func (g *group2) touch() {
	g.mu.Lock()
	g.mu.Unlock()
}

func RunGroups2(r *Registry2) {
	g := newGroup2(r, newGroup2(r, nil))
	go g.Halt()
	r.each(func(g *group2) { g.touch() }) // want `lock-order cycle: \(\*group2\)\.mu acquired while holding \(\*Registry2\)\.mu; \(\*group2\)\.Halt takes them in the opposite order; RunGroups2 runs both at once$`
}
