package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// testedNonNil reports whether every path to block b has just found the
// channel v non-nil: b is dominated by the successor of an `x != nil` test
// (or the false successor of `x == nil`) that only that edge enters, where x
// names the same channel as v (the same field, loaded again).
//
// An operation on a channel that is nil wherever it is read (a field this
// package never assigns: a test hook only tests set) cannot run behind such
// a test: the path to it is infeasible, and there is nothing to report.
func (fa *fnAnalysis) testedNonNil(b *ssa.BasicBlock, v ssa.Value) bool {
	key := fa.r.resolve(v).key()
	for _, blk := range fa.fn.Blocks {
		if len(blk.Instrs) == 0 || len(blk.Succs) != 2 {
			continue
		}
		ifi, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		x, op, ok := nilComparison(ifi.Cond)
		if !ok || fa.r.resolve(x).key() != key {
			continue
		}
		s := blk.Succs[0] // x != nil holds on the true edge
		if op == token.EQL {
			s = blk.Succs[1]
		}
		if len(s.Preds) == 1 && s.Dominates(b) {
			return true
		}
	}
	return false
}

// nilComparison returns x and the operator of a comparison `x == nil` or
// `x != nil` (either side nil).
func nilComparison(v ssa.Value) (ssa.Value, token.Token, bool) {
	bin, ok := v.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL && bin.Op != token.NEQ {
		return nil, 0, false
	}
	if isNilConst(bin.Y) {
		return bin.X, bin.Op, true
	}
	if isNilConst(bin.X) {
		return bin.Y, bin.Op, true
	}
	return nil, 0, false
}
