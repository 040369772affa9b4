package analyzer

import (
	"go/token"
	"go/types"
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
	return resultsOnEvery(fn, func(*ssa.Return, int) func(*ssa.Return, ssa.Value) bool {
		return func(_ *ssa.Return, v ssa.Value) bool { return isNilConst(v) }
	})
}

// resultsOnEvery returns the indices i of fn's results for which every
// return, with its result i, satisfies the test that pick gives for result
// i (pick may skip a result by returning nil). None when fn has no return.
func resultsOnEvery(fn *ssa.Function, pick func(first *ssa.Return, i int) func(*ssa.Return, ssa.Value) bool) []int {
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
		test := pick(rets[0], i)
		if test != nil && !slices.ContainsFunc(rets, func(r *ssa.Return) bool { return i >= len(r.Results) || !test(r, r.Results[i]) }) {
			out = append(out, i)
		}
	}
	return out
}

// nonNilResults returns the indices of fn's results of interface type that
// are non-nil on every return (none when fn has no return): each returned
// value is an interface made from a concrete value (even a nil pointer
// makes a non-nil interface), a conversion of one, or a call result its
// one callee's summary says is never nil, possibly through phis; or the
// return is reached only past a test that found it non-nil (if err != nil
// { return err }).
func (ps *passState) nonNilResults(fn *ssa.Function) []int {
	if !hasInterfaceResult(fn.Signature) {
		return nil // most functions: no scan of the returns
	}
	return resultsOnEvery(fn, func(first *ssa.Return, i int) func(*ssa.Return, ssa.Value) bool {
		if !types.IsInterface(first.Results[i].Type()) {
			return nil
		}
		seen := make(map[ssa.Value]bool)
		return func(r *ssa.Return, v ssa.Value) bool {
			return ps.surelyNonNil(v, seen) || nonNilOnEntry(fn, r.Block(), func(x ssa.Value) bool { return x == v })
		}
	})
}

// hasInterfaceResult reports whether one of sig's results is of interface type.
func hasInterfaceResult(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		if types.IsInterface(v.Type()) {
			return true
		}
	}
	return false
}

// surelyNonNil reports whether the interface value v is non-nil wherever
// it is computed (see nonNilResults); seen breaks cycles of phis.
func (ps *passState) surelyNonNil(v ssa.Value, seen map[ssa.Value]bool) bool {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.ChangeInterface:
		return ps.surelyNonNil(v.X, seen)
	case *ssa.Phi:
		if seen[v] {
			return true // the other edges decide
		}
		seen[v] = true
		for _, e := range v.Edges {
			if !ps.surelyNonNil(e, seen) {
				return false
			}
		}
		return true
	case *ssa.Call:
		return ps.resultNonNil(v, 0)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return ps.resultNonNil(call, v.Index)
		}
	}
	return false
}

// resultNonNil reports whether result idx of call is never nil: its one
// static callee is a function of this package whose summary says so
// (NonNilResults), or one of the standard library's constructors of errors
// (nonNilAPI). Other packages' functions decide nothing: a summary's
// NonNilResults does not travel as a fact, so that what the model knows of
// the standard library comes from the model itself (Bazel's nogo analyses
// no standard-library package for facts) and a fact stays small.
func (ps *passState) resultNonNil(call *ssa.Call, idx int) bool {
	if call.Call.IsInvoke() {
		return false
	}
	callee := call.Call.StaticCallee()
	if callee == nil {
		return false
	}
	if callee.Pkg != nil && callee.Signature.Recv() == nil && nonNilAPI[[2]string{callee.Pkg.Pkg.Path(), callee.Name()}] {
		return idx == 0
	}
	if !ps.graph.Contains(callee) {
		return false
	}
	sum := ps.sums[callee]
	return sum != nil && slices.Contains(sum.NonNilResults, idx)
}

// nonNilAPI lists the standard library's functions (package path, name)
// whose one result is an error that is never nil. (Looked up by package
// and name, not by the function's printed name: this runs for every call
// whose result a guard or a return tests.)
var nonNilAPI = map[[2]string]bool{{"errors", "New"}: true, {"fmt", "Errorf"}: true}

// nilResultEdge returns the successor of a branch on `x != nil` (or `x ==
// nil`) that is never taken because x is nil on every path: a result its
// call's one callee returns as the constant nil on every path, or a load
// of a field the package never assigns (neverAssigned: a hook only tests
// set). The claims made past that edge would rest on code that cannot run.
// A call with several candidates (an interface) decides nothing.
func (fa *fnAnalysis) nilResultEdge(cond ssa.Value) (int, bool) { return fa.ps.nilResultEdge(cond) }

// nilResultEdge is fnAnalysis.nilResultEdge for any function of the package.
func (ps *passState) nilResultEdge(cond ssa.Value) (int, bool) {
	x, op, ok := nilComparison(cond)
	if !ok {
		return 0, false
	}
	if u, ok := x.(*ssa.UnOp); ok && u.Op == token.MUL {
		if f, ok := u.X.(*ssa.FieldAddr); ok && ps.neverAssigned(f) {
			return nilEdge(op), true
		}
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
	site := ps.graph.Site(call)
	if site == nil || len(site.Callees) != 1 {
		return 0, false
	}
	sum := ps.summary(site.Callees[0])
	if sum == nil || !slices.Contains(sum.NilResults, idx) {
		return 0, false
	}
	return nilEdge(op), true
}

// nilEdge is the successor never taken by a branch on `x op nil` when x
// is nil: the true edge of `x != nil`, the false edge of `x == nil`.
func nilEdge(op token.Token) int {
	if op == token.NEQ {
		return 0
	}
	return 1
}

// neverTaken reports whether the CFG edge from a branch to to is never
// taken: the branch tests a result that is nil on every path (see
// nilResultEdge), or a flag that holds one constant on every path (see
// constBool). The lockset and the channel counts both leave it out.
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
				if e, ok := constEdge(ifi.Cond); ok {
					fa.untaken[[2]*ssa.BasicBlock{b, b.Succs[e]}] = true
				}
			}
		}
	}
	return fa.untaken[[2]*ssa.BasicBlock{from, to}]
}

// nilAfter reports whether the CFG edge from a branch to to is never taken
// on a path from start: the branch tests whether a variable is nil, and
// start stores a channel just made into it that no later store replaces.
// `var ch chan T; if async { ch = make(chan T); go send(ch) }; ...; if ch
// != nil { <-ch }`: counted from the make, the variable is never nil, and
// the path that skips the receive is not one the sender's channel takes.
func (fa *fnAnalysis) nilAfter(start, from, to *ssa.BasicBlock) bool {
	if fa.nilSides == nil {
		fa.nilSides = make(map[*ssa.BasicBlock]map[[2]*ssa.BasicBlock]bool)
	}
	sides, ok := fa.nilSides[start]
	if !ok {
		sides = fa.nilSidesAfter(start)
		fa.nilSides[start] = sides
	}
	return sides[[2]*ssa.BasicBlock{from, to}]
}

// nilSidesAfter lists the nil sides of the tests of the variables start
// stores a made channel into for good (see nilAfter).
func (fa *fnAnalysis) nilSidesAfter(start *ssa.BasicBlock) map[[2]*ssa.BasicBlock]bool {
	var sides map[[2]*ssa.BasicBlock]bool
	for i, instr := range start.Instrs {
		st, ok := instr.(*ssa.Store)
		if !ok {
			continue
		}
		cell, ok := st.Addr.(*ssa.Alloc)
		if _, made := st.Val.(*ssa.MakeChan); !ok || !made || !onlyStoredBefore(cell, st, start, i) {
			continue
		}
		for _, r := range *cell.Referrers() {
			ld, ok := r.(*ssa.UnOp)
			if !ok || ld.Op != token.MUL {
				continue
			}
			for _, lr := range *ld.Referrers() {
				bin, ok := lr.(*ssa.BinOp)
				if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) || !(isNilConst(bin.X) || isNilConst(bin.Y)) {
					continue
				}
				for _, br := range *bin.Referrers() {
					ifi, ok := br.(*ssa.If)
					if !ok || ifi.Cond != bin || len(ifi.Block().Succs) != 2 {
						continue
					}
					if sides == nil {
						sides = make(map[[2]*ssa.BasicBlock]bool)
					}
					sides[[2]*ssa.BasicBlock{ifi.Block(), ifi.Block().Succs[1-nilEdge(bin.Op)]}] = true
				}
			}
		}
	}
	return sides
}

// onlyStoredBefore reports whether every store into cell other than st
// (the i-th instruction of start) comes before st in start, or in a block
// no path from start reaches: after st the cell keeps st's value.
func onlyStoredBefore(cell *ssa.Alloc, st *ssa.Store, start *ssa.BasicBlock, i int) bool {
	stores, ok := cellStores(cell) // (the cell's other uses only read it)
	if !ok {
		return false
	}
	for _, other := range stores {
		if other == st {
			continue
		}
		if other.Block() == start {
			if j := slices.Index(start.Instrs, ssa.Instruction(other)); j > i || reachesBlock(start, start) {
				return false
			}
			continue
		}
		if reachesBlock(start, other.Block()) {
			return false
		}
	}
	return true
}
