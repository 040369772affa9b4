package analyzer

import (
	"go/token"
	"slices"

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
	if nonNilOnEntry(fa.fn, b, func(x ssa.Value) bool { return fa.r.resolve(x).key() == key }) {
		return true
	}
	return fa.closureTestedNonNil(v)
}

// closureTestedNonNil is testedNonNil for a closure whose channel is a field
// of one of its free variables: every closure value of fa.fn that the
// enclosing function makes is made where the enclosing function has just
// found that field of the value it binds non-nil (`if f.hook != nil { defer
// func() { f.hook <- ev }() }`).
func (fa *fnAnalysis) closureTestedNonNil(v ssa.Value) bool {
	parent := fa.fn.Parent()
	u, ok := v.(*ssa.UnOp)
	if parent == nil || !ok || u.Op != token.MUL {
		return false
	}
	fld, ok := u.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	// The free variable holds the value itself, or the cell of a
	// variable the enclosing function spilled (cell set).
	x, cell := fld.X, false
	if l, ok := x.(*ssa.UnOp); ok && l.Op == token.MUL {
		x, cell = l.X, true
	}
	fv, ok := x.(*ssa.FreeVar)
	if !ok {
		return false
	}
	idx := slices.Index(fa.fn.FreeVars, fv)
	r := newResolver(parent, fa.ps.pass.Fset)
	made := false
	for _, blk := range parent.Blocks {
		for _, instr := range blk.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fa.fn || idx < 0 || idx >= len(mc.Bindings) {
				continue
			}
			made = true
			bound := mc.Bindings[idx]
			base := r.resolve(bound).key()
			if !nonNilOnEntry(parent, blk, func(x ssa.Value) bool {
				xu, ok := x.(*ssa.UnOp)
				if !ok || xu.Op != token.MUL {
					return false
				}
				xf, ok := xu.X.(*ssa.FieldAddr)
				if !ok || xf.Field != fld.Field {
					return false
				}
				if cell { // the same variable, stored once: the same value when the closure runs
					l, ok := xf.X.(*ssa.UnOp)
					a, isAlloc := bound.(*ssa.Alloc)
					return ok && l.Op == token.MUL && l.X == bound && isAlloc && uniqueStore(a) != nil
				}
				return r.resolve(xf.X).key() == base
			}) {
				return false
			}
		}
	}
	return made
}

// nonNilOnEntry reports whether every path to block b of fn has just found
// a value that same accepts non-nil: b is dominated by the successor of an
// `x != nil` test (or the false successor of `x == nil`) that only that
// edge enters.
func nonNilOnEntry(fn *ssa.Function, b *ssa.BasicBlock, same func(x ssa.Value) bool) bool {
	for _, blk := range fn.Blocks {
		if len(blk.Instrs) == 0 || len(blk.Succs) != 2 {
			continue
		}
		ifi, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		x, op, ok := nilComparison(ifi.Cond)
		if !ok || !same(x) {
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

// nilResults returns the indices of fn's results of nillable type that are
// the constant nil on every return (none when fn has no return).
func nilResults(fn *ssa.Function) []int {
	var rets []*ssa.Return
	for _, b := range fn.Blocks {
		if n := len(b.Instrs); n > 0 {
			if r, ok := b.Instrs[n-1].(*ssa.Return); ok {
				rets = append(rets, r)
			}
		}
	}
	if len(rets) == 0 {
		return nil
	}
	var out []int
	for i := range rets[0].Results {
		if !slices.ContainsFunc(rets, func(r *ssa.Return) bool { return i >= len(r.Results) || !isNilConst(r.Results[i]) }) {
			out = append(out, i)
		}
	}
	return out
}

// nilResultEdge returns the successor of a branch on `x != nil` (or `x ==
// nil`) that is never taken because x is a result its call's one callee
// returns as the constant nil on every path. The claims made past that
// edge would rest on the callee's summary, which shows the edge is not
// there. A call with several candidates (an interface) decides nothing.
func (fa *fnAnalysis) nilResultEdge(cond ssa.Value) (int, bool) {
	x, op, ok := nilComparison(cond)
	if !ok {
		return 0, false
	}
	var call *ssa.Call
	idx := 0
	switch v := x.(type) {
	case *ssa.Extract:
		call, _ = v.Tuple.(*ssa.Call)
		idx = v.Index
	case *ssa.Call:
		call = v
	}
	if call == nil {
		return 0, false
	}
	site := fa.ps.graph.Site(call)
	if site == nil || len(site.Callees) != 1 {
		return 0, false
	}
	sum := fa.ps.summary(site.Callees[0])
	if sum == nil || !slices.Contains(sum.NilResults, idx) {
		return 0, false
	}
	if op == token.NEQ {
		return 0, true // x != nil: the true edge
	}
	return 1, true
}

// neverTaken reports whether the CFG edge from a branch to to is never
// taken: the branch tests a result that is nil on every path (see
// nilResultEdge). The lockset and the channel counts both leave it out.
func (fa *fnAnalysis) neverTaken(from, to *ssa.BasicBlock) bool {
	if fa.untaken == nil {
		fa.untaken = make(map[[2]*ssa.BasicBlock]bool)
		for _, b := range fa.fn.Blocks {
			if len(b.Succs) != 2 || len(b.Instrs) == 0 {
				continue
			}
			if ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
				if e, ok := fa.nilResultEdge(ifi.Cond); ok {
					fa.untaken[[2]*ssa.BasicBlock{b, b.Succs[e]}] = true
				}
			}
		}
	}
	return fa.untaken[[2]*ssa.BasicBlock{from, to}]
}
