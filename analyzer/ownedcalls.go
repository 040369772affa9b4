package analyzer

import (
	"go/token"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Helpers called only on objects their callers own.
//
// `(&Child{v: i}).attach(p)`, where attach locks its receiver and then p:
// the order Child → Parent is drawn in attach's own frame, between classes,
// and joins a cycle with every function that locks a Parent and then its
// children. But the child attach locks is one its caller has just made and
// shown to nobody (ownership, owner.go): no other goroutine holds it or
// waits for it, so the order orders nothing. At the call, ownership already
// drops the order; in the helper's own frame it is not known who calls it.
// When every call of an unexported function in the package (each one
// static, with that one callee) passes, for a parameter, an object the
// caller owns at the call, the orders the function draws on that
// parameter's locks are dropped: no run takes them on a shared object.
//
// The call itself may publish the object (`c.setParent(p)` appends c to
// p.children): then the caller owns it only up to the call, and the
// helper's orders on it are dropped only if the helper draws each of them
// before anything in its own frame can publish it (setParent locks c.mu,
// then p.mu, and only then appends c): until then no other goroutine can
// hold c.mu or wait for it.

// noteOwnedArgs records, at a static call in the final pass, which of the
// callee's parameters whose locks its edges name get an object the caller
// owns here.
func (fa *fnAnalysis) noteOwnedArgs(site *callgraph.Site, callee *ssa.Function) {
	params := fa.ps.edgeParams[callee]
	if params == 0 || !fa.final || site.Dynamic || len(site.Callees) != 1 || site.Instr.Common().StaticCallee() != callee {
		return
	}
	late := fa.ps.sharedFirst[callee]
	var mask uint64
	for i, arg := range site.Args() {
		if i >= 64 || params&(1<<i) == 0 {
			continue
		}
		ref := fa.r.resolve(arg)
		if fa.owned(ref) || late&(1<<i) == 0 && fa.ownedBut(ref, site.Instr) {
			mask |= 1 << i
		}
	}
	if fa.ps.ownedArgs == nil {
		fa.ps.ownedArgs = make(map[ssa.CallInstruction]uint64)
	}
	fa.ps.ownedArgs[site.Instr] = mask
}

// noteEdgeParams records which parameters of the function the edge e it
// draws names a lock of.
func (fa *fnAnalysis) noteEdgeParams(e Edge) {
	var mask uint64
	for _, r := range []Ref{e.From, e.To} {
		if r.Base == BaseParam && r.Index < 64 {
			mask |= 1 << r.Index
		}
	}
	if mask == 0 {
		return
	}
	if fa.ps.edgeParams == nil {
		fa.ps.edgeParams = make(map[*ssa.Function]uint64)
		fa.ps.sharedFirst = make(map[*ssa.Function]uint64)
	}
	fa.ps.edgeParams[fa.fn] |= mask
	for i, p := range fa.fn.Params {
		if i < 64 && mask&(1<<i) != 0 && fa.at != nil && fa.publishedBefore(p, fa.at) {
			fa.ps.sharedFirst[fa.fn] |= 1 << i
		}
	}
}

// publishedBefore reports whether something in the function may publish
// the parameter p (see publications) before instruction at runs.
func (fa *fnAnalysis) publishedBefore(p *ssa.Parameter, at ssa.Instruction) bool {
	for _, pub := range fa.publications(p, make(map[ssa.Value]bool), nil) {
		if pub == at || instrReaches(pub, at) {
			return true
		}
	}
	return false
}

// dropOwnedEdges drops the edges a function draws on a parameter's locks
// when every call of it passes an object its caller owns (see above).
func (ps *passState) dropOwnedEdges() {
	if len(ps.ownedArgs) == 0 {
		return
	}
	owned := make(map[*ssa.Function]uint64) // by callee: parameters owned at every call
	called := make(map[*ssa.Function]bool)
	for _, fn := range ps.graph.Funcs() {
		for _, site := range ps.graph.Sites(fn) {
			for _, c := range site.Callees {
				mask, ok := ps.ownedArgs[site.Instr]
				if !ok || len(site.Callees) != 1 {
					mask = 0
				}
				if !called[c] {
					owned[c], called[c] = mask, true
				} else {
					owned[c] &= mask
				}
			}
		}
	}
	kept := ps.edges[:0]
	for _, e := range ps.edges {
		if fn := e.fn; fn != nil && fn.Object() != nil && !token.IsExported(fn.Name()) && fn.Parent() == nil &&
			(ownedParam(owned[fn], e.From) || ownedParam(owned[fn], e.To)) {
			continue
		}
		kept = append(kept, e)
	}
	ps.edges = kept
}

func ownedParam(mask uint64, r Ref) bool {
	return r.Base == BaseParam && r.Index < 64 && mask&(1<<r.Index) != 0
}
