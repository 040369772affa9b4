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

// A lock a guessed callee returns holding is a guess too: SetA lets any
// Acquirer in, so a.Acquire() may take any lock, or none.

type Acquirer interface {
	Acquire()
	Release()
}

type res struct{ mu sync.Mutex }

func (r *res) Acquire() { r.mu.Lock() }
func (r *res) Release() { r.mu.Unlock() }

type heldSide struct {
	mu sync.Mutex
	a  Acquirer
	r  *res
}

func (s *heldSide) SetA(a Acquirer) { s.a = a }

func (s *heldSide) f() {
	s.a.Acquire()
	s.mu.Lock()
	s.mu.Unlock()
	s.a.Release()
}

func (s *heldSide) g() {
	s.mu.Lock()
	s.r.mu.Lock() // want `lock-order cycle: \(\*res\)\.mu acquired while holding \(\*heldSide\)\.mu; \(\*heldSide\)\.f takes them in the opposite order$`
	s.r.mu.Unlock()
	s.mu.Unlock()
}

func RunHeld(s *heldSide) {
	go s.f()
	s.g()
}

// So is a callback a guessed callee runs under its lock: WithLock may be
// any Runner's.

type Runner interface{ WithLock(f func()) }

type guard struct{ mu sync.Mutex }

func (g *guard) WithLock(f func()) {
	g.mu.Lock()
	f()
	g.mu.Unlock()
}

type paramSide struct {
	mu sync.Mutex
	r  Runner
	g  *guard
}

func (s *paramSide) SetR(r Runner) { s.r = r }

func (s *paramSide) f() {
	s.r.WithLock(func() {
		s.mu.Lock()
		s.mu.Unlock()
	})
}

func (s *paramSide) h() {
	s.mu.Lock()
	s.g.mu.Lock() // want `lock-order cycle: \(\*guard\)\.mu acquired while holding \(\*paramSide\)\.mu; \(\*paramSide\)\.f takes them in the opposite order$`
	s.g.mu.Unlock()
	s.mu.Unlock()
}

func RunParam(s *paramSide) {
	go s.f()
	s.h()
}

// A guessed order is no witness either when another function takes the
// same order for certain but nothing runs that one at once with the
// reverse: the cycle's witness is the proven edge, which no function
// starts beside the other order.

type LockerB interface{ LockB() }

type objB struct{ mu sync.Mutex }

func (b *objB) LockB() { b.mu.Lock(); b.mu.Unlock() }

type objA struct {
	mu   sync.Mutex
	gate sync.Mutex
	b    *objB
	l    LockerB
}

func (a *objA) proven() {
	a.gate.Lock()
	a.mu.Lock()
	a.b.mu.Lock()
	a.b.mu.Unlock()
	a.mu.Unlock()
	a.gate.Unlock()
}

func (a *objA) guessed() {
	a.mu.Lock()
	a.l.LockB()
	a.mu.Unlock()
}

func (a *objA) SetL(l LockerB) { a.l = l }

func (a *objA) reverse() {
	a.b.mu.Lock()
	a.mu.Lock() // want `lock-order cycle: \(\*objA\)\.mu acquired while holding \(\*objB\)\.mu; \(\*objA\)\.proven takes them in the opposite order$`
	a.mu.Unlock()
	a.b.mu.Unlock()
}

func RunProven(a *objA) {
	go a.guessed()
	a.reverse()
}

func Other(a *objA) { a.proven() }
