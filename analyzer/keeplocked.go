package analyzer

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Locks kept for the callers that ask.
//
// `func (c *T) lookup(id string, keepLocked bool) { c.mu.Lock(); ...; if
// !keepLocked { c.mu.Unlock() } }`: the lock is taken on every path and
// released on the paths where a parameter has one value. Whether the
// function returns holding it is the caller's choice, made by its
// argument. When every call of the package passes that parameter a
// constant (and nothing uses the function as a value), each caller's
// lockset knows the answer: the summary says the lock is held at exit
// under that guard (Summary.HeldAtExit with Guards), the call applies it
// where its argument decides the guard, and the caller's own returns
// answer for the lock (a caller that asks to keep it and never releases
// it is reported there). The split is then no finding of the function's.

// heldWhen returns the guard under which the lock of key k is held at the
// function's returns live: one tracked test of a parameter, to which
// every call passes a constant, has one value on every return that holds
// the lock (certainly, or exactly when the test has that value) and the
// other on every return that does not. A function whose results tell its
// callers whether it returned holding the lock is a conditional helper
// (handoff.go), which says more: where the caller tests them.
func (fa *fnAnalysis) heldWhen(live []exitState, k string) (Guard, bool) {
	if fa.conds == nil || onlySpawned(fa.fn) {
		return Guard{}, false
	}
	var held, free []exitState
	for _, x := range live {
		if h, ok := x.st.held[k]; ok && h.must {
			held = append(held, x)
		} else if !ok {
			free = append(free, x)
		}
	}
	if len(held) > 0 && len(free) > 0 && (len(resultTests(fa.fn, held, free)) > 0 || resultsTell(fa.fn, held, free)) {
		return Guard{}, false
	}
	for i, key := range fa.conds.keys {
		if !fa.ps.constantAtEveryCall(fa.fn, key.v) {
			continue
		}
		for _, val := range []bool{true, false} {
			g := condGuard{set: true, idx: uint8(i), val: val}
			if !all(exitStates(live), func(st *lockState) bool { return heldExactlyWhen(st, k, g) }) {
				continue
			}
			if guard, ok := guardOf(fa.fn, key, val); ok {
				return guard, true
			}
		}
	}
	return Guard{}, false
}

// heldExactlyWhen reports whether the state at a return holds the lock of
// key k when g holds and not otherwise.
func heldExactlyWhen(st *lockState, k string, g condGuard) bool {
	h, held := st.held[k]
	if held && !h.must {
		return h.g == g
	}
	known, yes := st.holds(condGuard{set: true, idx: g.idx, val: true})
	return known && (yes == g.val) == held
}

// constantAtEveryCall reports whether v is a parameter of fn to which
// every call of fn in the package passes a constant, with at least one
// call and fn never used as a value.
func (ps *passState) constantAtEveryCall(fn *ssa.Function, v ssa.Value) bool {
	p, ok := v.(*ssa.Parameter)
	i := slices.Index(fn.Params, p)
	ix := ps.index()
	if !ok || i < 0 || ix.taken[fn] || len(ix.calls[fn]) == 0 {
		return false
	}
	for _, c := range ix.calls[fn] {
		if i >= len(c.Args) {
			return false
		}
		if _, isConst := c.Args[i].(*ssa.Const); !isConst {
			return false
		}
	}
	return true
}
