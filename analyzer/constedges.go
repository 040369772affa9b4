package analyzer

import (
	"golang.org/x/tools/go/ssa"
)

// neverDrawnFrom reports whether the goroutine whose code starts at first
// takes none of the cycle's orders: each edge it can reach is drawn in a
// function that it calls only with constant arguments under which that
// function never takes the edge's second lock. A function whose summary
// says a lock is taken only when a parameter has a value (Acquire.Guards:
// `if account { c.mu.Lock() }`) takes no lock when every call passes the
// other value (`go func() { c.sweep(false) }()`), so it draws no edge to
// that lock there, whatever it draws for its other callers.
func (ps *passState) neverDrawnFrom(first *ssa.Function, cyc []Edge) bool {
	cs := ps.concurrencyState()
	reached := false
	for _, e := range cyc {
		if e.fn == nil || !cs.reachers(e.fn)[first] {
			continue
		}
		reached = true
		if e.fn == first || !ps.callsRuleOut(first, e) {
			return false
		}
	}
	return reached
}

// callsRuleOut reports whether every call of e.fn made by first or the
// functions it calls is static and passes a constant that decides one of
// the guards of e's second acquisition false.
func (ps *passState) callsRuleOut(first *ssa.Function, e Edge) bool {
	guards := ps.acquireGuards(e.fn, e.To, e.ToMode)
	if len(guards) == 0 {
		return false
	}
	seen := map[*ssa.Function]bool{first: true}
	work := []*ssa.Function{first}
	calls := 0
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, site := range ps.graph.Sites(fn) {
			for _, c := range site.Callees {
				if c == e.fn {
					if site.Dynamic || len(site.Callees) != 1 || !ruledOutBy(guards, site.Instr.Common().Args) {
						return false
					}
					calls++
					continue
				}
				if !seen[c] {
					seen[c] = true
					work = append(work, c)
				}
			}
		}
	}
	return calls > 0
}

// acquireGuards returns the guards under which fn's summary says it takes
// the lock ref in mode, nil when it may take it unguarded.
func (ps *passState) acquireGuards(fn *ssa.Function, ref Ref, mode Mode) []Guard {
	sum := ps.sums[fn]
	if sum == nil {
		return nil
	}
	for _, a := range sum.Acquires {
		if a.Ref.key() == ref.key() && a.Mode == mode {
			return a.Guards
		}
	}
	return nil
}

// ruledOutBy reports whether one of the guards is a test of a parameter
// that args (a static call's, receiver first) gives a constant deciding it
// false.
func ruledOutBy(guards []Guard, args []ssa.Value) bool {
	for i := range guards {
		g := &guards[i]
		if g.Free || g.Recover || g.Field > 0 || g.Param < 0 || g.Param >= len(args) {
			continue
		}
		if happens, known := constGuard(g, args[g.Param]); known && !happens {
			return true
		}
	}
	return false
}
