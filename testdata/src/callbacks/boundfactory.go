package callbacks

import "sync"

// Gate's helpers return a method value of the lock they took or will take
// (gate.mu.Unlock, gate.mu.Lock): the method value is bound to a field of
// the receiver, so calling it unlocks or locks that field of the caller's
// Gate.
type Gate struct {
	mu sync.Mutex
	n  int
}

func (g *Gate) acquire() func() {
	g.mu.Lock()
	return g.mu.Unlock
}

func (g *Gate) locker() func() { return g.mu.Lock }

// Step releases through the returned method value before locking again.
func (g *Gate) Step() {
	release := g.acquire()
	g.n++
	release()
	g.mu.Lock()
	g.n++
	g.mu.Unlock()
}

// StepDeferred releases in a deferred call of the returned value.
func (g *Gate) StepDeferred() {
	defer g.acquire()()
	g.n++
}

// StepTwice locks through the returned method value while holding the lock.
func (g *Gate) StepTwice() {
	lock := g.locker()
	g.mu.Lock()
	lock() // want `double lock: \(\*Gate\).mu acquired while already held`
	g.n++
	g.mu.Unlock()
}

// StepOther locks another Gate's lock through its method value: a different
// lock.
func (g *Gate) StepOther(o *Gate) {
	lock := o.locker()
	g.mu.Lock()
	lock()
	o.n++
	o.mu.Unlock()
	g.mu.Unlock()
}
