package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Select loops that count what one case received.
//
// A receive in a plain loop left only by its header's test is taken to
// receive as many values as its senders send (checkUse: the loops usually
// match, and counting them is beyond the model). A receive that is one
// case of a select is not: the loop may go round on its other cases and be
// left without ever taking the value a sender waits to give. Unless the
// header's test counts that case's own receives:
//
//	for got != want {
//		select {
//		case r := <-results:
//			got++
//		case n := <-expected: // announced once every job was queued
//			want = n
//		}
//	}
//
// The other cases only go round again (or set the bound), and the loop is
// left only once the case has received as many values as the bound says:
// it is a counted receive loop written as a select, and the same
// assumption holds for it as for the plain one. A loop with any other way
// out (a break, a return, a quit case) is not one.

// countedExit reports whether case i of sel, a receive, runs in a loop as
// above: the loop holding sel is left only by its header's comparison of a
// loop variable that only the body of case i increments, by one.
func (fa *fnAnalysis) countedExit(sel *ssa.Select, i int) bool {
	b := sel.Block()
	if fa.blocks == nil || fa.blocks.earlyExit[b] {
		return false
	}
	h := fa.blocks.innermost[b]
	iff := caseBranch(sel, i)
	if h == nil || iff == nil {
		return false
	}
	loop := fa.blocks.bodies[h]
	test, ok := h.Instrs[len(h.Instrs)-1].(*ssa.If)
	if !ok || !loop[h.Succs[0]] || loop[h.Succs[1]] {
		return false // (not the header's test: a range, or a loop with no condition)
	}
	cmp, ok := test.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.NEQ && cmp.Op != token.LSS && cmp.Op != token.LEQ && cmp.Op != token.GTR && cmp.Op != token.GEQ {
		return false
	}
	for _, x := range []ssa.Value{cmp.X, cmp.Y} {
		if phi, ok := x.(*ssa.Phi); ok && phi.Block() == h && countsIn(phi, loop, iff.Block().Succs[0]) {
			return true
		}
	}
	return false
}

// countsIn reports whether the loop variable counter (a phi of the loop's
// header) changes inside the loop only by adding one to itself in blocks
// that body dominates, and does at least once.
func countsIn(counter *ssa.Phi, loop map[*ssa.BasicBlock]bool, body *ssa.BasicBlock) bool {
	own := map[*ssa.Phi]bool{counter: true} // the variable's values inside the loop
	work := []*ssa.Phi{counter}
	var incs []*ssa.BinOp
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		for j, e := range p.Edges {
			if p == counter && !loop[p.Block().Preds[j]] {
				continue // its value on entry
			}
			switch e := e.(type) {
			case *ssa.Phi:
				if !loop[e.Block()] {
					return false
				}
				if !own[e] {
					own[e] = true
					work = append(work, e)
				}
			case *ssa.BinOp:
				if unitStep(e) != 1 || !body.Dominates(e.Block()) {
					return false
				}
				incs = append(incs, e)
			default:
				return false
			}
		}
	}
	for _, inc := range incs {
		if p, ok := inc.X.(*ssa.Phi); !ok || !own[p] {
			return false
		}
	}
	return len(incs) > 0
}
