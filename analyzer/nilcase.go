package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Select cases switched off by nil.
//
// `for a != nil || b != nil { select { case v, ok := <-a: if !ok { a = nil;
// continue }; out <- v; case v, ok := <-b: ... } }`: a receive on a nil
// channel never proceeds, so setting a case's variable to nil when its
// channel reports closed switches the case off and leaves the others. Such
// a case receives every value sent before the close, as `for v := range
// a` would; a sender's loop of sends has a receiver for each.

// untilClosed reports whether receive case i of sel is switched off by nil
// when closed: its channel operand is a variable (a phi, or a captured
// variable's cell) into which a nil flows only from closedSide, the side
// of the case's body on which the receive reported the channel closed
// (closedBranch).
func untilClosed(sel *ssa.Select, i int, closedSide *ssa.BasicBlock) bool {
	if closedSide == nil {
		return false
	}
	if ld, ok := chanOperand(sel.States[i].Chan).(*ssa.UnOp); ok && ld.Op == token.MUL {
		return nilledInCell(ld.X, sel.Block(), closedSide)
	}
	phi, ok := chanOperand(sel.States[i].Chan).(*ssa.Phi)
	if !ok {
		return false
	}
	nils := 0
	all := phiEdges(phi, func(p *ssa.Phi, j int, e ssa.Value) bool {
		if !isNilConst(e) {
			return true
		}
		nils++
		return j < len(p.Block().Preds) && closedSide.Dominates(p.Block().Preds[j])
	})
	return all && nils > 0
}

// nilledInCell reports whether the variable cell (a captured variable:
// an Alloc, or a closure's FreeVar) is stored into, on the loop of the
// select block at, only with nil and only on the side closedSide
// dominates; at least once. Its value otherwise comes from before the
// loop (or before the closure runs).
func nilledInCell(cell ssa.Value, at, closedSide *ssa.BasicBlock) bool {
	refs := cell.Referrers()
	if refs == nil {
		return false
	}
	nils := 0
	for _, r := range *refs {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != cell || st.Parent() != at.Parent() || !sameLoop(st.Block(), at) {
			continue
		}
		if !isNilConst(st.Val) || !closedSide.Dominates(st.Block()) {
			return false
		}
		nils++
	}
	return nils > 0
}

// chanOperand strips the conversions between channel directions.
func chanOperand(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		default:
			return v
		}
	}
}

// closedBranch is the block case i's body enters when its receive reports
// the channel closed (`if !ok`), or nil.
func closedBranch(sel *ssa.Select, i int) *ssa.BasicBlock {
	iff := caseBranch(sel, i)
	if iff == nil {
		return nil
	}
	body := iff.Block().Succs[0]
	for _, r := range *sel.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 1 { // recvOk
			continue
		}
		for _, r := range *ex.Referrers() {
			b, ok := r.(*ssa.If)
			if !ok || len(b.Block().Succs) != 2 || !body.Dominates(b.Block()) {
				continue
			}
			side := b.Block().Succs[1] // the false edge: not ok
			if len(side.Preds) == 1 {
				return side
			}
		}
		for _, r := range *ex.Referrers() {
			u, ok := r.(*ssa.UnOp)
			if !ok {
				continue
			}
			for _, r := range *u.Referrers() {
				b, ok := r.(*ssa.If)
				if !ok || len(b.Block().Succs) != 2 || !body.Dominates(b.Block()) {
					continue
				}
				side := b.Block().Succs[0] // !ok true: not ok
				if len(side.Preds) == 1 {
					return side
				}
			}
		}
	}
	return nil
}

// leavesOnlyFrom reports whether every way out of the innermost loop that
// holds block b (but its doomed paths) leaves from a block that one of
// sides dominates: a loop left only once the channel is closed (the
// case's !ok branch), or through cases that are never ready, is a drain,
// not an early exit.
func (fa *fnAnalysis) leavesOnlyFrom(b *ssa.BasicBlock, sides []*ssa.BasicBlock) bool {
	var body map[*ssa.BasicBlock]bool
	for _, bd := range fa.blocks.bodies {
		if bd[b] && (body == nil || len(bd) < len(body)) {
			body = bd
		}
	}
	if body == nil {
		return false
	}
	under := func(y *ssa.BasicBlock) bool {
		return slices.ContainsFunc(sides, func(d *ssa.BasicBlock) bool { return d.Dominates(y) })
	}
	seen := make(map[*ssa.BasicBlock]bool)
	var work []*ssa.BasicBlock
	for x := range body {
		for _, s := range x.Succs {
			if !body[s] && !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	// Every return reached from the loop's exits is under one of sides.
	for len(work) > 0 {
		y := work[len(work)-1]
		work = work[:len(work)-1]
		if fa.blocks.doomed[y] || under(y) {
			continue
		}
		if len(y.Succs) == 0 {
			return false
		}
		for _, s := range y.Succs {
			if !seen[s] && !body[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return true
}
