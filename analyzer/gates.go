package analyzer

import (
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Gates held by every caller.
//
// A lock-order edge drawn inside a helper knows only the locks the helper
// itself holds. When the helper is private to the package and every call of
// it holds an outer lock, that lock gates the edge as surely as if the helper
// had taken it: two opposite orders that both run under it cannot interleave
// (etcd's batchTx commit, whose every caller holds the batch lock that
// defragmentation takes first). inheritGates adds those locks to the edges'
// gates before cycles are looked for and facts exported.
//
// A caller that does not take the outer lock itself may still hold it: a
// function that releases a lock its caller took, on every path (an Unlock
// method that flushes before it unlocks), runs only under that lock, since
// releasing a lock nobody holds is a fatal error. So the lock is held at
// each of its calls that come before the release, as if it had taken it.

// callHeld is one direct call of a package function, with the lock classes
// held on every path to it.
type callHeld struct {
	caller, callee *ssa.Function
	site           ssa.Instruction
	held           []string
	writes         []string // those of held taken for writing
	released       []string // the caller's callers' locks it has released before the call
	// heldFree: the closure's captured variables that are themselves a
	// lock held there (its class is the one of what the closure is made
	// with, which the go statement that starts it names: see bodiesHeld)
	heldFree []int
}

// recordCallHeld notes the locks certainly held at a direct call to a
// function of this package (final pass only).
func (fa *fnAnalysis) recordCallHeld(st *lockState, site *callgraph.Site, callees []*ssa.Function) {
	if !fa.final || !fa.recording || len(callees) != 1 || site.Kind != callgraph.Call || site.Dynamic || !fa.ps.graph.Contains(callees[0]) {
		return
	}
	var held, writes []string
	var heldFree []int
	for _, h := range st.sortedHeld() {
		if h.must && h.ref.Class.known() && !fa.owned(h.ref) { // an unpublished object's lock serialises nothing (owner.go)
			held = append(held, h.ref.Class.Key)
			if h.mode == Write {
				writes = append(writes, h.ref.Class.Key)
			}
		}
		if h.must && h.ref.Base == BaseFree && len(h.ref.Path) == 0 && !h.ref.Inexact {
			heldFree = append(heldFree, h.ref.Index)
		}
	}
	held = append(held, fa.ps.gatesHeldAt(fa.fn, site.Instr)...) // semaphores.go, casgates.go
	var released []string
	for _, r := range st.releasedRefs() {
		released = append(released, r.Class.Key)
	}
	fa.ps.callHeld = append(fa.ps.callHeld, callHeld{fa.fn, callees[0], site.Instr, held, writes, released, heldFree})
}

// recordEntryHeld notes the lock classes the function releases on every
// return without having taken them: its callers hold them (final pass).
func (fa *fnAnalysis) recordEntryHeld(live []exitState) {
	if !fa.final || len(live) == 0 {
		return
	}
	var common []string
	for i, e := range live {
		var here []string
		for _, r := range e.st.releasedRefs() {
			if _, held := e.st.held[r.key()]; !held && r.Class.known() {
				here = append(here, r.Class.Key)
			}
		}
		if i == 0 {
			common = here
			continue
		}
		common = slices.DeleteFunc(common, func(k string) bool { return !slices.Contains(here, k) })
	}
	if len(common) > 0 {
		if fa.ps.entryHeld == nil {
			fa.ps.entryHeld = make(map[*ssa.Function][]string)
		}
		fa.ps.entryHeld[fa.fn] = common
	}
}

// inheritGates adds to each edge the locks held at every call of the function
// that drew it, and of its callers in turn, for functions only ever called
// directly from this package (see gateable).
func (ps *passState) inheritGates() {
	if len(ps.edges) == 0 {
		return
	}
	inherited := ps.callersHold(false)
	for i := range ps.edges {
		e := &ps.edges[i]
		for k := range inherited[e.fn] {
			if k != e.From.Class.Key && k != e.To.Class.Key && !slices.Contains(e.Gates, k) {
				e.Gates = append(e.Gates, k)
			}
		}
		slices.Sort(e.Gates)
	}
}

// callersHold returns, for the functions only ever called directly from
// this package (see gateable), the lock classes held at every call of
// them, and of their callers in turn; with writing, only those held for
// writing. A function absent from the map has no such call, or one from a
// function whose own callers are unknown.
func (ps *passState) callersHold(writing bool) map[*ssa.Function]map[string]bool {
	ok := ps.gateable()
	sites := make(map[*ssa.Function][]callHeld)
	for _, c := range ps.callHeld {
		if ok[c.callee] {
			sites[c.callee] = append(sites[c.callee], c)
		}
	}
	// Greatest fixed point: start from "everything" (nil below: unknown)
	// and intersect over the call sites until nothing changes.
	inherited := make(map[*ssa.Function]map[string]bool)
	top := func(f *ssa.Function) bool { _, known := inherited[f]; return !known && len(sites[f]) > 0 }
	callees := make([]*ssa.Function, 0, len(sites))
	for f := range sites {
		callees = append(callees, f)
	}
	callgraph.SortFuncs(ps.pass.Fset, callees)
	for changed, round := true, 0; changed && round < 8; round++ {
		changed = false
		for _, f := range callees {
			var acc map[string]bool
			unknown := true
			for _, s := range sites[f] {
				if top(s.caller) {
					continue // contributes "everything" until known
				}
				held := s.held
				if writing {
					held = s.writes
				}
				here := make(map[string]bool, len(held))
				for _, k := range held {
					here[k] = true
				}
				if !writing { // (how the caller's caller holds it is not known)
					for _, k := range ps.entryHeld[s.caller] {
						if !slices.Contains(s.released, k) {
							here[k] = true // the caller's caller's lock, not yet released
						}
					}
				}
				for k := range inherited[s.caller] {
					here[k] = true
				}
				if unknown {
					acc, unknown = here, false
				} else {
					for k := range acc {
						if !here[k] {
							delete(acc, k)
						}
					}
				}
			}
			if unknown {
				continue
			}
			if old, known := inherited[f]; !known || len(old) != len(acc) {
				inherited[f] = acc
				changed = true
			}
		}
	}
	return inherited
}

// gateable lists the functions whose every call is a direct call from this
// package: unexported, not a closure, never used as a value (passed, stored,
// started with go, deferred, bound as a method value), not generic.
func (ps *passState) gateable() map[*ssa.Function]bool {
	return ps.namedOnlyAsCallee(func(ci ssa.CallInstruction) bool { _, isCall := ci.(*ssa.Call); return isCall })
}

// namedOnlyAsCallee lists the unexported, non-generic functions of the
// package, no closures, that no instruction names but as the callee of a
// static call instruction site admits.
func (ps *passState) namedOnlyAsCallee(site func(ssa.CallInstruction) bool) map[*ssa.Function]bool {
	ok := make(map[*ssa.Function]bool)
	for _, fn := range ps.graph.Funcs() {
		obj, isFunc := fn.Object().(*types.Func)
		if isFunc && !obj.Exported() && fn.Parent() == nil && fn.TypeParams() == nil && fn.Synthetic == "" {
			ok[fn] = true
		}
	}
	var ops []*ssa.Value
	for _, fn := range ps.graph.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee *ssa.Value // the one operand that may name f
				if ci, isCall := instr.(ssa.CallInstruction); isCall && !ci.Common().IsInvoke() && site(ci) {
					callee = &ci.Common().Value
				}
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					if f, isFn := (*op).(*ssa.Function); isFn && ok[f] && op != callee {
						delete(ok, f)
					}
				}
			}
		}
	}
	return ok
}

// edgeGates returns the gates of a lock-order edge drawn at the
// instruction being transferred, from the locks held there other than the
// one the edge starts from (from, a Ref key): the classes of those another
// goroutine can reach; for a lock that the frame names only as a captured
// variable, the class of the local mutex that every closure of the frame
// is made with (var outer sync.Mutex, locked inside the goroutines the
// function starts: an allocation site names it there); the semaphores
// held there (semaphores.go); and, as refs, the locks held for certain that
// the frame names only by a parameter or a captured variable, which a
// caller may name (move(&outer, a, b) locking outer, then a and b).
func (fa *fnAnalysis) edgeGates(held []heldLock, from string) (keys []string, refs []Ref) {
	for _, g := range held {
		if g.ref.key() == from || fa.owned(g.ref) || !g.ref.Class.known() && (!g.must || !g.ref.exact()) {
			continue
		}
		fa.addGate(g.ref, &keys, &refs)
	}
	if fa.at != nil && !fa.deferring {
		keys = append(keys, fa.ps.gatesHeldAt(fa.fn, fa.at)...)
	}
	return keys, refs
}

// rewriteGates carries a callee's pending gate refs into this frame at
// the binding b: a lock this frame names by its class gates the edge; one
// it names only by a parameter or captured variable stays pending.
func (fa *fnAnalysis) rewriteGates(b *binding, e *Edge) {
	e.Gates = slices.Clone(e.Gates) // (the callee's summary keeps its own)
	var refs []Ref
	for _, r := range e.GateRefs {
		if to, ok := b.ref(r); ok && to.exact() && !fa.owned(to) {
			fa.addGate(to, &e.Gates, &refs)
		}
	}
	e.GateRefs = refs
}

// addGate files the held lock r among an edge's gates: by its class where
// this frame names one (for a captured variable, the class of the local
// mutex every closure of the frame is made with), as a pending ref where
// only a caller can name it (a parameter, a captured variable), not at all
// otherwise.
func (fa *fnAnalysis) addGate(r Ref, keys *[]string, refs *[]Ref) {
	switch {
	case r.Class.known():
		*keys = append(*keys, r.Class.Key)
	case r.Base == BaseFree && len(r.Path) == 0:
		if k, ok := fa.capturedLockClass(r.Index); ok {
			*keys = append(*keys, k)
		} else {
			*refs = append(*refs, r)
		}
	case travels(r):
		*refs = append(*refs, r)
	}
}

// capturedLockClass returns the class of the lock a closure's captured
// variable i is, when every closure of the function is made with the same
// local mutex (through enclosing closures, too): its allocation site.
func (fa *fnAnalysis) capturedLockClass(i int) (string, bool) {
	fn := fa.fn
	for range 8 {
		if i >= len(fn.FreeVars) {
			return "", false
		}
		v, ok := fa.ps.boundValue(fn.FreeVars[i])
		if !ok {
			return "", false
		}
		switch x := v.(type) {
		case *ssa.Alloc:
			return newResolver(x.Parent(), fa.ps.pass.Fset).allocSite(x).Class.Key, true
		case *ssa.FreeVar:
			fn, i = x.Parent(), slices.Index(x.Parent().FreeVars, x)
		default:
			return "", false
		}
	}
	return "", false
}
