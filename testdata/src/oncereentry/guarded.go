package oncereentry

import (
	"sync"
	"sync/atomic"
)

// A Do behind a test of a field that the Once's function sets, before it
// calls back, to the value that skips the Do: the call back returns on
// the fast path. The field is an atomic.Bool, or a bool under a mutex. The
// twins set the field after calling back, or never.

type certs struct {
	once  sync.Once
	ready atomic.Bool
	pem   string
	ok    bool
}

func (c *certs) PEM() string {
	if c.ready.Load() {
		return c.pem
	}
	c.once.Do(c.load)
	return c.pem
}

func (c *certs) load() {
	c.pem = "cert"
	c.ready.Store(true)
	c.ok = c.PEM() != ""
}

type lateCerts struct {
	once  sync.Once
	ready atomic.Bool
	pem   string
	ok    bool
}

func (c *lateCerts) PEM() string {
	if c.ready.Load() {
		return c.pem
	}
	c.once.Do(c.load) // want `sync\.Once re-entered: \(\*lateCerts\)\.once\.Do reached again from inside its own function`
	return c.pem
}

func (c *lateCerts) load() {
	c.pem = "cert"
	c.ok = c.PEM() != ""
	c.ready.Store(true)
}

type resolver struct {
	mu        sync.Mutex
	resolving bool
	once      sync.Once
	v         string
}

func (r *resolver) Resolve() string {
	r.mu.Lock()
	busy := r.resolving
	r.mu.Unlock()
	if busy {
		return "fallback"
	}
	r.once.Do(r.load)
	return r.v
}

func (r *resolver) load() {
	r.mu.Lock()
	r.resolving = true
	r.mu.Unlock()
	r.v = "resolved(" + r.Resolve() + ")"
	r.mu.Lock()
	r.resolving = false
	r.mu.Unlock()
}

type unflaggedResolver struct {
	mu        sync.Mutex
	resolving bool
	once      sync.Once
	v         string
}

func (r *unflaggedResolver) Resolve() string {
	r.mu.Lock()
	busy := r.resolving
	r.mu.Unlock()
	if busy {
		return "fallback"
	}
	r.once.Do(r.load) // want `sync\.Once re-entered: \(\*unflaggedResolver\)\.once\.Do reached again from inside its own function`
	return r.v
}

func (r *unflaggedResolver) load() {
	r.v = "resolved(" + r.Resolve() + ")"
}
