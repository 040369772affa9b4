package analyzer

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A local variable set only inside closures, from what they are given.
//
//	var doneCh <-chan struct{}
//	WaitFor(func(done <-chan struct{}) <-chan struct{} {
//		doneCh = done
//		return poll(done)
//	}, stopCh)
//	<-doneCh
//
// The function never stores doneCh itself; a closure stores its parameter
// there, and the closure is called either here, directly, or by a callee
// of the package that only calls the func parameter it receives it in,
// passing one of its own parameters. What the cell can hold is then the
// argument of those calls, named in this function's frame (stopCh), or
// nil when no call ran — and nil names no other object (an operation on
// nil blocks, see phi). The cell is that argument when every such value
// names one object; anything else done with the cell, the closure or the
// parameter (another store, a nested capture, an escape) leaves it a cell.

// closureCell resolves a load of cell a through the closures that store
// into it; ok is false when some store or use cannot be followed.
func (r *resolver) closureCell(a *ssa.Alloc) (Ref, bool) {
	var vals []ssa.Value
	for _, use := range *a.Referrers() {
		switch u := use.(type) {
		case *ssa.UnOp: // a load
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			i := slices.Index(u.Bindings, ssa.Value(a))
			c, ok := u.Fn.(*ssa.Function)
			if !ok || i < 0 || slices.Index(u.Bindings[i+1:], ssa.Value(a)) >= 0 {
				return Ref{}, false
			}
			got, ok := closureStores(u, c, c.FreeVars[i])
			if !ok {
				return Ref{}, false
			}
			vals = append(vals, got...)
		default: // a store of the function's own, or an escape
			return Ref{}, false
		}
	}
	var first *Ref
	for _, v := range vals {
		if isNilConst(v) {
			continue
		}
		ref := r.resolve(v)
		if ref.Base == BaseOpaque || first != nil && ref.key() != first.key() {
			return Ref{}, false
		}
		first = &ref
	}
	if first == nil {
		return Ref{}, false
	}
	return *first, true
}

// closureStores returns, in the frame of the function that makes closure
// mc (of function c), every value c stores into its free variable fv: nil,
// or the argument the calls of the closure pass for the parameter stored.
func closureStores(mc *ssa.MakeClosure, c *ssa.Function, fv *ssa.FreeVar) ([]ssa.Value, bool) {
	var out []ssa.Value
	for _, use := range *fv.Referrers() {
		switch u := use.(type) {
		case *ssa.UnOp:
		case *ssa.DebugRef:
		case *ssa.Store:
			if u.Addr != fv {
				return nil, false
			}
			if isNilConst(u.Val) {
				out = append(out, u.Val)
				continue
			}
			p, ok := u.Val.(*ssa.Parameter)
			k := slices.Index(c.Params, p)
			if !ok || k < 0 {
				return nil, false
			}
			args, ok := closureArgs(mc, k)
			if !ok {
				return nil, false
			}
			out = append(out, args...)
		default:
			return nil, false
		}
	}
	return out, true
}

// closureArgs returns the k-th argument of every call of the closure
// value v, in the frame of the function that makes it: calls of v itself,
// and calls by a static callee that receives v in a parameter and does
// nothing with it but call it with one of its own parameters there.
func closureArgs(v ssa.Value, k int) ([]ssa.Value, bool) {
	var out []ssa.Value
	for _, use := range *v.Referrers() {
		switch u := use.(type) {
		case *ssa.DebugRef:
		case *ssa.ChangeType:
			args, ok := closureArgs(u, k)
			if !ok {
				return nil, false
			}
			out = append(out, args...)
		case *ssa.Call:
			c := u.Common()
			if c.Value == v {
				if k >= len(c.Args) {
					return nil, false
				}
				out = append(out, c.Args[k])
				continue
			}
			j := slices.Index(c.Args, v)
			g := c.StaticCallee()
			if j < 0 || slices.Index(c.Args[j+1:], v) >= 0 || g == nil || len(g.Blocks) == 0 || j >= len(g.Params) {
				return nil, false
			}
			passed, ok := paramCallArgs(g, g.Params[j], k)
			if !ok {
				return nil, false
			}
			for _, m := range passed {
				out = append(out, c.Args[m])
			}
		default:
			return nil, false
		}
	}
	return out, true
}

// paramCallArgs returns, for a func parameter p of g used only as the
// function of calls, the index of g's parameter each call passes as its
// k-th argument.
func paramCallArgs(g *ssa.Function, p *ssa.Parameter, k int) ([]int, bool) {
	var out []int
	for _, use := range *p.Referrers() {
		switch u := use.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			c := u.Common()
			if c.Value != p || slices.Contains(c.Args, ssa.Value(p)) || k >= len(c.Args) {
				return nil, false
			}
			q, ok := c.Args[k].(*ssa.Parameter)
			m := slices.Index(g.Params, q)
			if !ok || m < 0 {
				return nil, false
			}
			out = append(out, m)
		default:
			return nil, false
		}
	}
	return out, true
}

// closureSetters returns the stores the closures capturing cell a make
// into it.
func closureSetters(a *ssa.Alloc) []*ssa.Store {
	var out []*ssa.Store
	for _, use := range *a.Referrers() {
		mc, ok := use.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		c, ok := mc.Fn.(*ssa.Function)
		if !ok {
			continue
		}
		for i, b := range mc.Bindings {
			if b != ssa.Value(a) {
				continue
			}
			for _, u := range *c.FreeVars[i].Referrers() {
				if st, ok := u.(*ssa.Store); ok && st.Addr == c.FreeVars[i] {
					out = append(out, st)
				}
			}
		}
	}
	return out
}
