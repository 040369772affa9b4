package analyzer

import "golang.org/x/tools/go/ssa"

// Paths no caller takes.
//
// A path's tests of the function's parameters against constants (a switch
// on a parameter, `if mode == fast`) are decided by the arguments. When
// every call of the function is in sight and passes, for some test of the
// path, a constant that makes the test go the other way, the path never
// runs: `switch t { case a: ...; case b: ...; default: }` whose every
// caller passes a or b never takes the default case, and a lock left held
// there is held by no run. Every call is in sight when the function is a
// closure, unexported (or in package main) and never used as a value; for
// a method, also when its name is unexported: an interface call of it can
// only be written in this package, and every interface call of that name
// here counts as one of its calls.

// notTakenByCallers reports whether no known caller can take the path that
// reaches block b in state st.
func (fa *fnAnalysis) notTakenByCallers(st *lockState, b *ssa.BasicBlock) bool {
	gs := append(fa.paramGuards(st), dominatingEqGuards(fa.fn, b)...)
	if len(gs) == 0 {
		return false
	}
	calls, ok := fa.ps.knownCalls(fa.fn)
	if !ok || len(calls) == 0 {
		return false
	}
	for _, c := range calls {
		if !fa.ps.refutes(gs, c, 0) {
			return false
		}
	}
	return true
}

// maxForward bounds how many callers up a parameter passed on unchanged is
// followed.
const maxForward = 3

// A knownCall is one call of a function: its arguments, and whether it is
// an interface call (whose arguments do not include the receiver).
type knownCall struct {
	caller *ssa.Function
	args   []ssa.Value
	invoke bool
}

// refutes reports whether the call's constant arguments decide one of the
// guards false. The guards on arguments that are the caller's own
// parameters, passed on unchanged, become the caller's guards, decided by
// every call of the caller in turn.
func (ps *passState) refutes(gs []Guard, c knownCall, depth int) bool {
	var fwd []Guard
	for _, g := range gs {
		if g.Free || g.Recover { // a captured variable, the callee's own recover: no argument decides them
			continue
		}
		i := g.Param
		if c.invoke {
			i-- // the receiver is not among an interface call's arguments
		}
		if i < 0 || i >= len(c.args) {
			continue
		}
		arg := c.args[i]
		if p, ok := arg.(*ssa.Parameter); ok && p.Parent() == c.caller {
			up := g
			up.Param = paramIndex(c.caller, p)
			fwd = append(fwd, up)
			continue
		}
		if happens, known := constGuard(&g, arg); known && !happens {
			return true
		}
	}
	if len(fwd) == 0 || depth >= maxForward {
		return false
	}
	up, ok := ps.knownCalls(c.caller)
	if !ok {
		return false
	}
	for _, u := range up { // (no call at all: the forwarding call never runs)
		if !ps.refutes(fwd, u, depth+1) {
			return false
		}
	}
	return true
}

// knownCalls returns every call of fn when all of them are in sight (see
// above), and false otherwise. (The calls come from the package index of
// ctxorigin.go, which names a generic function's calls by instance: a
// generic function is left out.)
func (ps *passState) knownCalls(fn *ssa.Function) ([]knownCall, bool) {
	ix := ps.ctxIndex()
	if !ix.inSight(ps, fn) || fn.TypeParams().Len() > 0 || fn.Signature.RecvTypeParams().Len() > 0 {
		return nil, false
	}
	method := fn.Parent() == nil && fn.Signature.Recv() != nil
	if method && fn.Object().Exported() && ix.ifaceMethods[fn.Object()] {
		return nil, false // an interface call in another package may reach it
	}
	var out []knownCall
	for _, c := range ix.sites[fn] {
		out = append(out, knownCall{caller: c.Parent(), args: c.Common().Args})
	}
	if method {
		for _, c := range ix.invokes[fn.Name()] {
			out = append(out, knownCall{caller: c.Parent(), args: c.Common().Args, invoke: true})
		}
	}
	return out, true
}

// dominatingEqGuards returns the comparisons of a parameter with a constant
// that hold on every path to block b.
func dominatingEqGuards(fn *ssa.Function, b *ssa.BasicBlock) []Guard {
	var gs []Guard
	for _, br := range dominatingBranches(b) {
		if p, is, whenEq, ok := eqTest(br.cond); ok {
			gs = append(gs, Guard{Param: paramIndex(fn, p), Is: is, Val: br.took == whenEq})
		}
	}
	return gs
}

// A branch is the outcome of an If on every path to some block.
type branch struct {
	cond ssa.Value
	took bool            // the value of cond on the way
	at   *ssa.BasicBlock // the block that branches
}

// dominatingBranches returns, innermost first, the branches above b whose
// one successor, entered from the branch alone, dominates b.
func dominatingBranches(b *ssa.BasicBlock) []branch {
	var out []branch
	for d := b; d != nil && d.Idom() != nil; d = d.Idom() {
		br := d.Idom()
		ifi, ok := br.Instrs[len(br.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		switch t, f := br.Succs[0], br.Succs[1]; {
		case len(t.Preds) == 1 && t.Dominates(d):
			out = append(out, branch{ifi.Cond, true, br})
		case len(f.Preds) == 1 && f.Dominates(d):
			out = append(out, branch{ifi.Cond, false, br})
		}
	}
	return out
}
