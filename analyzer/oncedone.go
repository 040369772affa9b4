package analyzer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
)

// Onces already done. once.Do(f) runs f on the Once's first Do only; every
// later Do returns once f has. A goroutine that has called Do on every
// path to a point (itself, or through a callee that does so on every
// return: ensure() { s.once.Do(s.build) }) finds the Once done there, and
// what f would acquire is not acquired by a second Do: a lazy
// initialisation run before a Lock and again under it (ensure(); mu.Lock();
// ...; ensure()) takes the mutex only the first time, before the Lock.
//
// The lockset carries the Onces done on every path (lockState.done, joined
// by intersection); an acquisition made inside a Do's function carries the
// Onces it is inside (Acquire.Once), so that a caller which has them done
// leaves it out; a summary carries the Onces its function does on every
// return (Summary.OncesDone). A function value sync.OnceFunc returned is a
// Once of its own: a second call of it, after one on every path, calls
// nothing.

// markDone records that ref's Do has returned on this path. Only an exact
// name counts: an element of a collection may be another Once next time.
func markDone(st *lockState, ref Ref) {
	if st.dead || !ref.exact() {
		return
	}
	if st.done == nil {
		st.done = make(map[string]Ref)
	}
	st.done[ref.key()] = ref
}

// isDone reports whether ref's Do has returned on every path here.
func (st *lockState) isDone(ref Ref) bool {
	if len(st.done) == 0 {
		return false // (most states: no key to build)
	}
	_, ok := st.done[ref.key()]
	return ok
}

// onceOf names, in this frame, the Onces a callee's acquisition happens
// inside (those of its summary the binding can name, and the Once whose Do
// this frame is applying), and reports whether one of them is done here.
func (fa *fnAnalysis) onceOf(st *lockState, inside []Ref, b *binding) (once []Ref, done bool) {
	once = b.refs(inside)
	if fa.inOnce {
		once = append(once, fa.onceRef)
	}
	for _, r := range once {
		if st.isDone(r) {
			return once, true
		}
	}
	return once, false
}

// doneAtAll returns the Onces done on every live return that a caller can
// name (a parameter's, the receiver's, a global's), in key order.
func doneAtAll(live []exitState) []Ref {
	var out []Ref
	for k, r := range live[0].st.done {
		if !r.rewritable() && r.Base != BaseGlobal {
			continue
		}
		every := true
		for _, e := range live[1:] {
			_, ok := e.st.done[k]
			every = every && ok
		}
		if every {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b Ref) int { return strings.Compare(a.key(), b.key()) })
	return out
}

// onceFuncRef names the function value a call calls when sync.OnceFunc
// (or OnceValue, OnceValues) returned it, by the call that made it: a
// Once of its own, done once it has been called.
func onceFuncRef(site *callgraph.Site) (Ref, bool) {
	c := site.Instr.Common()
	if c.IsInvoke() {
		return Ref{}, false
	}
	if _, ok := callgraph.OnceWrapped(c.Value); !ok {
		return Ref{}, false
	}
	return Ref{Base: BaseOpaque, Name: "oncefunc@" + strconv.Itoa(int(c.Value.Pos()))}, true
}

// commonRefs returns the refs of a that b names too.
func commonRefs(a, b []Ref) []Ref {
	var out []Ref
	for _, r := range a {
		if slices.ContainsFunc(b, func(x Ref) bool { return x.key() == r.key() }) {
			out = append(out, r)
		}
	}
	return out
}

// sameRefs reports whether a and b name the same refs in the same order.
func sameRefs(a, b []Ref) bool {
	return slices.EqualFunc(a, b, func(x, y Ref) bool { return x.key() == y.key() })
}
