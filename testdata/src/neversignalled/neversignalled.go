// Package neversignalled: Conds only the package can name, waited on and
// never signalled, beside twins that signal somewhere or let the Cond out,
// which stay silent.
package neversignalled

import "sync"

// A plugin waits for activation nothing announces (moby#30408's shape).
type plugin struct {
	mu        sync.Mutex
	activated bool
	cond      *sync.Cond
}

func newPlugin() *plugin {
	p := &plugin{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *plugin) waitActive() {
	p.cond.L.Lock()
	for !p.activated {
		p.cond.Wait() // want `Cond.Wait on \(\*plugin\).cond never returns: nothing in the package signals or broadcasts on it`
	}
	p.cond.L.Unlock()
}

func Start() { go newPlugin().waitActive() }

// The fixed twin: activate broadcasts.
type goodPlugin struct {
	mu        sync.Mutex
	activated bool
	cond      *sync.Cond
}

func newGoodPlugin() *goodPlugin {
	p := &goodPlugin{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *goodPlugin) waitActive() {
	p.cond.L.Lock()
	for !p.activated {
		p.cond.Wait()
	}
	p.cond.L.Unlock()
}

func (p *goodPlugin) activate() {
	p.cond.L.Lock()
	p.activated = true
	p.cond.L.Unlock()
	p.cond.Broadcast()
}

func StartGood() *goodPlugin {
	p := newGoodPlugin()
	go p.waitActive()
	go p.activate()
	return p
}

// A package-level Cond made in a composite literal, never signalled.
var (
	readyMu sync.Mutex
	ready   bool
	readyC  = &sync.Cond{L: &readyMu}
)

func WaitReady() {
	readyMu.Lock()
	for !ready {
		readyC.Wait() // want `Cond.Wait on readyC never returns: nothing in the package signals or broadcasts on it`
	}
	readyMu.Unlock()
}

// Twins that let the Cond out: a getter hands it to callers (who may
// Broadcast), a Cond shared with another holder, a Signal through a method
// value, an exported field.
type handed struct {
	mu   sync.Mutex
	done bool
	cond *sync.Cond
}

func newHanded() *handed {
	h := &handed{}
	h.cond = sync.NewCond(&h.mu)
	return h
}

func (h *handed) Cond() *sync.Cond { return h.cond }

func (h *handed) wait() {
	h.mu.Lock()
	for !h.done {
		h.cond.Wait()
	}
	h.mu.Unlock()
}

func StartHanded() *handed { h := newHanded(); go h.wait(); return h }

type shared struct {
	done bool
	cond *sync.Cond
}

var sharedCond = sync.NewCond(&sync.Mutex{})

func newShared() *shared { return &shared{cond: sharedCond} }

func (s *shared) wait() {
	s.cond.L.Lock()
	for !s.done {
		s.cond.Wait()
	}
	s.cond.L.Unlock()
}

func WakeShared() { sharedCond.Broadcast() }

func StartShared() { go newShared().wait() }

type bound struct {
	done bool
	cond *sync.Cond
}

func newBound() *bound { return &bound{cond: sync.NewCond(&sync.Mutex{})} }

func (b *bound) wait() {
	b.cond.L.Lock()
	for !b.done {
		b.cond.Wait()
	}
	b.cond.L.Unlock()
}

func (b *bound) wakeLater(after func(func())) { after(b.cond.Signal) }

func StartBound(after func(func())) { b := newBound(); go b.wait(); b.wakeLater(after) }

type Exported struct {
	Done bool
	Cond *sync.Cond
}

func NewExported() *Exported { return &Exported{Cond: sync.NewCond(&sync.Mutex{})} }

func (e *Exported) Wait() {
	e.Cond.L.Lock()
	for !e.Done {
		e.Cond.Wait()
	}
	e.Cond.L.Unlock()
}
