package analyzer

import (
	"go/token"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Unlockers handed back with the lock.
//
// A lock helper locks and returns the function that unlocks
// (unlock := c.Lock(); ...; unlock()). In this package the call graph sees
// the closure or method value the helper returns (factory.go); from
// another package it sees a function value it cannot resolve. Such a
// value, called here, is the one the call that left the locks held handed
// back: the call releases those locks; started as a goroutine (go thaw()),
// it hands them to that goroutine, which may release them from then on (a
// mutex unlocked by another goroutine than the one that locked it). Taking
// it so can only hide a lock (if the value were anything else), never
// invent one.

// releaseHandedBack releases, at a call of a function value no candidate
// resolves, the locks that the call which returned that value left held.
func (fa *fnAnalysis) releaseHandedBack(st *lockState, site *callgraph.Site) {
	for _, k := range handedBackLocks(st, site) {
		h := st.held[k]
		fa.release(st, h.ref, h.mode == Read)
	}
}

// handBackToGoroutine: such a value started as a goroutine (go unlock())
// hands the locks to it: from here on they may be released (as spawn does
// for a goroutine whose summary releases them).
func (fa *fnAnalysis) handBackToGoroutine(st *lockState, site *callgraph.Site) {
	for _, k := range handedBackLocks(st, site) {
		h := st.held[k]
		h.must = false
		st.held[k] = h
	}
}

// handedBackLocks returns the keys of the held locks that the call which
// returned site's function value left held, when no candidate resolves
// that value; sorted.
func handedBackLocks(st *lockState, site *callgraph.Site) []string {
	c := site.Instr.Common()
	if c.IsInvoke() || c.StaticCallee() != nil || len(site.Callees) > 0 {
		return nil
	}
	var producer *ssa.Call
	switch v := throughCell(c.Value).(type) {
	case *ssa.Call:
		producer = v
	case *ssa.Extract:
		producer, _ = v.Tuple.(*ssa.Call)
	}
	if producer == nil || producer.Pos() == token.NoPos {
		return nil
	}
	var keys []string
	for k, h := range st.held {
		if h.pos == producer.Pos() {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
