package analyzer

import (
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Waiting, under a lock, for goroutines another method started.
//
// A type keeps its goroutines' WaitGroup in a field: the constructor (or
// Start) adds and runs `go r.loop()`, loop defers r.wg.Done() and takes
// r.mu on its way, and Close takes r.mu and then waits on r.wg. If loop
// is at its Lock when Close takes the lock, Close waits for a Done that
// waits for Close's Unlock. checkWaitGroups sees such a Wait and the lock
// it holds, but only the goroutines its own function starts; these come
// from the package's other functions.
//
// The rule asks for one object throughout, in the code's own names: the
// Wait's WaitGroup and the lock held at it are two fields of one root (a
// parameter of the waiter, r.wg and r.mu), and the goroutine's function
// defers its Done on the same WaitGroup field of one of its parameters
// (or, for a function literal, of a variable it captures from its
// starter's parameter) and takes the same lock field of that same root,
// with no test its
// caller decides and no guess of an interface call, and it must not add
// to the WaitGroup itself (counted from its Add on, under the lock it
// took first, it is no goroutine the Wait waits for while it waits for
// the lock). The function must be
// one the package starts in a goroutine (a go statement whose callee it
// is), on the same field of whatever object it is started for: that is
// the WaitGroup the Wait waits on whenever the object is the same. A
// waiting function that starts goroutines the group counts is judged on
// its own goroutines only (checkWaitGroups). A
// read lock held at the Wait keeps out only a goroutine that write-locks.

// heldAcrossMethods reports, for the Wait w on the WaitGroup wg made while
// holding the lock l, a function of the package started in a goroutine
// that may take l (its own parameter's lock field) before its deferred
// Done on wg (that parameter's WaitGroup field): the go statement that
// starts it and its acquisition. ok is false when there is none.
func (ps *passState) heldAcrossMethods(wg, l Ref, shared bool) (goSite *callgraph.Site, acq Acquire, ok bool) {
	if !sameRoot(wg, l) || !wg.Class.known() || !l.Class.known() || wg.Base != BaseParam {
		return nil, Acquire{}, false
	}
	for _, fn := range ps.graph.Funcs() {
		sum := ps.sums[fn]
		if sum == nil {
			continue
		}
		for _, d := range sum.Chans {
			if d.Kind != OpWGDone || !d.Deferred || len(d.Chain) != 1 || !rootedIn(fn, d.Ref) || d.Ref.Class.Key != wg.Class.Key || len(d.Ref.Path) == 0 {
				continue
			}
			if countFor(sum.Counts, d.Ref.key()).MaxNet <= 0 {
				continue // it adds for itself: counted only once it runs (see countedBy)
			}
			dones, deferred := ps.doneInstrs(fn, sum)
			for _, a := range sum.Acquires {
				if ps.acquiredAfterDone(fn, a, dones, deferred) {
					continue // taken only once the goroutine has counted down
				}
				if a.Ref.Base != d.Ref.Base || a.Ref.Index != d.Ref.Index || a.Ref.Class.Key != l.Class.Key || !sameRoot(d.Ref, a.Ref) ||
					len(a.Guards) > 0 || len(a.Only) > 0 || a.Guess || shared && a.Mode != Write || a.Mode == Once {
					continue
				}
				if g := ps.startedBy(fn); g != nil {
					return g, a, true
				}
			}
		}
	}
	return nil, Acquire{}, false
}

// rootedIn reports whether r is based at one of fn's parameters or, for a
// function literal, at a variable it captures from a parameter of the
// function that makes it: the object the goroutine is started for, passed
// or captured (go func() { defer s.wg.Done(); ... }() in a method of s),
// not a value the starter computes (a child, an element).
func rootedIn(fn *ssa.Function, r Ref) bool {
	if r.Base == BaseParam {
		return true
	}
	if r.Base != BaseFree || fn.Parent() == nil {
		return false
	}
	var bound ssa.Value
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				if bound != nil || r.Index >= len(mc.Bindings) {
					return false // made twice: which one?
				}
				bound = mc.Bindings[r.Index]
			}
		}
	}
	if cell, ok := bound.(*ssa.Alloc); ok { // a captured variable's cell, set once
		bound = uniqueStore(cell)
	}
	_, isParam := bound.(*ssa.Parameter)
	return isParam
}

// sameRoot reports whether two field refs are fields of one object: the
// same base and the same path up to their last field.
func sameRoot(a, b Ref) bool {
	if len(a.Path) == 0 || len(b.Path) == 0 || len(a.Path) != len(b.Path) || a.Base != b.Base || a.Index != b.Index || a.Name != b.Name || !a.exact() || !b.exact() {
		return false
	}
	return slices.Equal(a.Path[:len(a.Path)-1], b.Path[:len(b.Path)-1]) && a.Path[len(a.Path)-1] != b.Path[len(b.Path)-1]
}

// startedBy returns the first go statement of the package, in the order of
// its functions, whose only callee is fn.
func (ps *passState) startedBy(fn *ssa.Function) *callgraph.Site {
	for _, f := range ps.graph.Funcs() {
		for _, site := range ps.graph.Sites(f) {
			if site.Kind == callgraph.Go && len(site.Callees) == 1 && site.Callees[0] == fn {
				return site
			}
		}
	}
	return nil
}
