package analyzer

import (
	"go/token"
	"strings"
)

var lockOrderCheck = &Check{
	Name:  "lockorder",
	Title: "locks acquired in opposite orders (lock-order cycle)",
	Doc: `
Two goroutines that take the same locks in opposite orders can each hold
one lock and wait for the other forever. awaitvet records, for every
acquisition, which locks are already held (through any depth of calls,
closures, interface calls and packages) and reports each cycle in the
resulting lock-order graph once, with the chain of every acquisition.
Locks are identified by where they live: a field of a named type, a
package-level variable, or a local allocation. A cycle whose acquisitions
all happen under one common outer lock is not reported, since that lock
serialises them, nor one in which every lock is taken while holding the
lock of an object that reaches the next through an interface-typed field
(decorators wrapping each other: a deadlock would need a value that wraps
itself, which nothing shows). Nor does a lock of an object no other
goroutine can reach order anything: one the function made and has shown
to nobody yet, or one a goroutine was handed alone (a closure started by
a go statement, capturing a variable its starter stored a new object in
and touches no more after the go statement). Nor does one the function
made and has shown to others only by storing it, under a lock it has held
without a break since before the store, when it takes the object's lock
under that lock: r.mu.Lock(); r.families[name] = f; f.mu.Lock(). Anyone
else finds the object in that memory, which they read under r.mu, so none
can hold f.mu while r.mu is held. Where one function of the package shows both orders
running at once, the cycle is concurrentorder's; two
instances of one class nested in both orders are always its.`,
	Wrong: `
func (c *Cache) Put(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.store.mu.Lock() // Cache.mu -> Store.mu
	defer c.store.mu.Unlock()
}

func (s *Store) Evict() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cache.mu.Lock() // Store.mu -> Cache.mu: opposite order
	defer s.cache.mu.Unlock()
}`,
	Right: `
func (s *Store) Evict() {
	s.cache.mu.Lock() // always Cache.mu first, then Store.mu
	defer s.cache.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
}`,
}

// reportLockCycle reports a lock-order cycle at pos, the acquisition of its
// first edge; the chains of every edge, in order, are its witness.
func (ps *passState) reportLockCycle(pos token.Pos, cyc []Edge) {
	ps.report(pos, lockOrderCheck, ps.lockCycleText(cyc), cycleChains(cyc)...)
}

// lockCycleText says which locks a cycle takes in which orders.
func (ps *passState) lockCycleText(cyc []Edge) string {
	e := cyc[0]
	show := func(r Ref) string { return r.Class.show(ps.pkgPath) }
	msg := "lock-order cycle: " + show(e.To) + " acquired while holding " + show(e.From)
	if len(cyc) == 2 {
		msg += "; " + ps.unqualify(cyc[1].Func) + " takes them in the opposite order"
	} else {
		var rest []string
		for _, o := range cyc[1:] {
			rest = append(rest, show(o.To)+" while holding "+show(o.From)+" in "+ps.unqualify(o.Func))
		}
		msg += "; then " + strings.Join(rest, ", and ")
	}
	return msg
}

// cycleChains are the witnesses of a cycle's edges, in order.
func cycleChains(cyc []Edge) []Chain {
	var chains []Chain
	for _, o := range cyc {
		chains = append(chains, o.FromChain, o.ToChain)
	}
	return chains
}

// reportStripeCycle reports two elements of one lock array (or of locks of
// one class) nested in no fixed order, at pos, the nesting at.
func (ps *passState) reportStripeCycle(pos token.Pos, at *Edge) {
	name := at.To.Class.show(ps.pkgPath)
	msg := "lock-order cycle: two elements of " + name + " nested in no fixed order; " +
		ps.unqualify(at.Func) + " may take them in the opposite order in another goroutine"
	ps.report(pos, lockOrderCheck, msg, at.FromChain, at.ToChain)
}
