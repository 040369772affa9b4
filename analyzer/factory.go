package analyzer

import (
	"go/token"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Closures made by a factory.
//
// A closure returned by a function of this package (func (r *Reg) incr()
// func() { return func() { r.mu.Lock() ... } }) and called by the factory's
// caller captured the factory's values, which the caller cannot name in
// general. But a captured parameter of the factory is the argument the
// caller passed: when every return of the factory at that result index
// returns the closure made by one MakeClosure, the closure's free variables
// that are the factory's parameters bind to the factory call's arguments.
// (A parameter captured by reference lives in a cell the factory stores it
// in once; it binds the same way.) A free variable bound to a field of a
// parameter (the method value c.mu.Unlock a "lock, then return the unlock"
// helper returns binds its receiver &c.mu) is that field of the argument:
// its Ref in the caller's frame. The other free variables stay unknown (an
// opaque, inexact lock that only orders classes).

// factoryFree returns the bindings of callee's free variables when fnValue
// is the result of a factory call that returns callee's closure, else nil:
// the caller's value of each free variable bound to a parameter (free), or
// its Ref when it is bound to a field reached from one (refs).
func (r *resolver) factoryFree(fnValue ssa.Value, callee *ssa.Function) (free []ssa.Value, refs []*Ref, cells []bool) {
	call, index := (*ssa.Call)(nil), 0
	switch v := fnValue.(type) {
	case *ssa.Call:
		call = v
	case *ssa.Extract:
		call, _ = v.Tuple.(*ssa.Call)
		index = v.Index
	}
	if call == nil || call.Call.IsInvoke() {
		return nil, nil, nil
	}
	factory := call.Call.StaticCallee()
	if factory == nil || factory.Blocks == nil {
		return nil, nil, nil
	}
	var mc *ssa.MakeClosure
	for _, ret := range callgraph.Returns(factory) {
		if index >= len(ret.Results) {
			return nil, nil, nil
		}
		m, ok := ret.Results[index].(*ssa.MakeClosure)
		if !ok || m.Fn != callee || mc != nil && m != mc {
			return nil, nil, nil
		}
		mc = m
	}
	if mc == nil {
		return nil, nil, nil
	}
	free = make([]ssa.Value, len(mc.Bindings))
	cells = make([]bool, len(mc.Bindings))
	for i, v := range mc.Bindings {
		cell := false
		if a, ok := v.(*ssa.Alloc); ok {
			// A captured parameter (or a variable set once from one) lives
			// in a cell stored once: the closure's load of it ("*") is a
			// read of what was stored (cells: the rewrite drops that load).
			if stored := uniqueStore(a); stored != nil {
				v, cell = stored, true
			}
		}
		switch v.(type) {
		case *ssa.FieldAddr, *ssa.UnOp, *ssa.IndexAddr, *ssa.Global: // a field (or element) of a parameter, the pointer it holds, or a package variable
			if ref, ok := r.paramField(v, factory, call); ok {
				if refs == nil {
					refs = make([]*Ref, len(mc.Bindings))
				}
				refs[i], cells[i] = &ref, cell
				continue
			}
		}
		if p, ok := v.(*ssa.Parameter); ok {
			if j := paramIndex(factory, p); j >= 0 && j < len(call.Call.Args) {
				free[i], cells[i] = call.Call.Args[j], cell
			}
		}
	}
	return free, refs, cells
}

// paramField returns the caller's Ref of v, a parameter of factory or a
// field reached from one (p.f, p.f.g, an element p.f[i], or the pointer a
// field holds), or a package variable, at the call of factory.
func (r *resolver) paramField(v ssa.Value, factory *ssa.Function, call *ssa.Call) (Ref, bool) {
	switch v := v.(type) {
	case *ssa.Parameter:
		j := paramIndex(factory, v)
		if j < 0 || j >= len(call.Call.Args) {
			return Ref{}, false
		}
		return r.resolve(call.Call.Args[j]), true
	case *ssa.FieldAddr:
		base, ok := r.paramField(v.X, factory, call)
		if !ok {
			return Ref{}, false
		}
		f := fieldName(v.X.Type(), v.Field)
		return base.withPath(f, fieldClass(v.X.Type(), f, base.Class)), true
	case *ssa.UnOp:
		// The pointer a field holds names the same lock (resolve's load).
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			return r.paramField(fa, factory, call)
		}
	case *ssa.IndexAddr:
		// An element of an array or slice field: named as resolve names
		// one, by the field ("[]" for whichever element).
		base, ok := r.paramField(v.X, factory, call)
		if !ok {
			return Ref{}, false
		}
		return base.withPath("[]", Class{}), true
	case *ssa.Global:
		return r.resolve(v), true // the same variable in every frame
	}
	return Ref{}, false
}
