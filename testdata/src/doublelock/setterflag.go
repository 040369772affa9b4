package doublelock

import (
	"sync"
	"sync/atomic"
)

// A callee that returns before it locks while a state field (plain or
// atomic) holds a value is decided by the caller's store just before the
// call: its own, or a setter's that stores the constant the caller passes
// (setPhase(p) { c.phase.Store(p) }).

const (
	phaseIdle int32 = iota
	phaseSyncing
)

type phasedCatalog struct {
	mu       sync.Mutex
	phase    atomic.Int32 // written with mu held
	services map[string]int
}

func (c *phasedCatalog) setPhase(p int32) { c.phase.Store(p) }

func (c *phasedCatalog) maybeCompact() {
	if c.phase.Load() == phaseSyncing {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.services, "stale")
}

// SyncAllGood says a sync is on before it calls maybeCompact.
func (c *phasedCatalog) SyncAllGood() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.setPhase(phaseSyncing)
	c.maybeCompact()
	c.setPhase(phaseIdle)
}

// DirectGood stores the phase itself.
func (c *phasedCatalog) DirectGood() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.phase.Store(phaseSyncing)
	c.maybeCompact()
	c.phase.Store(phaseIdle)
}

// SyncAllBad sets the idle phase instead.
func (c *phasedCatalog) SyncAllBad() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.setPhase(phaseIdle)
	c.maybeCompact() // want `double lock: \(\*phasedCatalog\).mu acquired while already held \(through \(\*phasedCatalog\).maybeCompact\)`
}
