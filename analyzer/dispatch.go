package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Interface calls: when class-hierarchy analysis is a witness.
//
// The call graph resolves an interface call to the methods of the types the
// pass sees that implement the interface (callgraph.implementations). That
// set is a guess: a value of the interface may be of a type of another
// package, or of none the pass looks at. An acquisition reached through
// such a call is marked a guess (Acquire.Guess), and no claim that needs
// the order to be taken rests on it — unless the package shows which types
// the receiver can hold: every value it can be is a conversion of a
// concrete type in this package, through local values, fields only this
// package can set, and parameters of functions whose every call is in
// sight. Then the callee whose receiver is one of those types is called on
// them, and its acquisitions are no guess.

// dispatchTypes finds the dynamic types interface values can have, where
// the package alone decides them.
type dispatchTypes struct {
	ps   *passState
	memo map[ssa.Value]knownTypes // typesOf's answers, by receiver
}

// knownTypes is typesOf's answer for one receiver.
type knownTypes struct {
	ts []types.Type
	ok bool
}

// provenCallee reports whether the dynamic call at c reaches callee on a
// value the package shows to be of callee's receiver type.
func (ps *passState) provenCallee(c *ssa.CallCommon, callee *ssa.Function) bool {
	if !c.IsInvoke() || callee.Signature.Recv() == nil {
		return false
	}
	if ps.dispatch == nil {
		ps.dispatch = &dispatchTypes{ps: ps, memo: make(map[ssa.Value]knownTypes)}
	}
	k, done := ps.dispatch.memo[c.Value]
	if !done {
		k.ts, k.ok = ps.dispatch.typesOf(c.Value, make(map[ssa.Value]bool), 0)
		ps.dispatch.memo[c.Value] = k
	}
	if !k.ok {
		return false
	}
	ts := k.ts
	recv := callee.Signature.Recv().Type()
	for _, t := range ts {
		if types.Identical(t, recv) {
			return true
		}
		if p, ok := t.(*types.Pointer); ok && types.Identical(p.Elem(), recv) {
			return true // a value method called on a pointer
		}
	}
	return false
}

// maxDispatchDepth bounds the values followed back from a receiver.
const maxDispatchDepth = 6

// typesOf returns the concrete types v, a value of an interface type, can
// hold, when every way it gets a value is in sight; ok is false otherwise.
func (d *dispatchTypes) typesOf(v ssa.Value, seen map[ssa.Value]bool, depth int) (ts []types.Type, ok bool) {
	if seen[v] {
		return nil, true // a cycle adds no type
	}
	if depth > maxDispatchDepth {
		return nil, false
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.MakeInterface:
		if types.IsInterface(v.X.Type()) {
			return nil, false
		}
		return []types.Type{v.X.Type()}, true
	case *ssa.ChangeInterface:
		return d.typesOf(v.X, seen, depth+1)
	case *ssa.Phi:
		return d.typesOfAll(v.Edges, seen, depth+1)
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil, false
		}
		fa, isField := v.X.(*ssa.FieldAddr)
		if !isField {
			return nil, false
		}
		vals, ok := d.fieldValues(fa)
		if !ok {
			return nil, false
		}
		return d.typesOfAll(vals, seen, depth+1)
	case *ssa.Parameter:
		fn := v.Parent()
		i := paramIndex(fn, v)
		calls, ok := d.callsOf(fn)
		if !ok || i < 0 {
			return nil, false
		}
		args := make([]ssa.Value, len(calls))
		for j, c := range calls {
			args[j] = c.Args[i]
		}
		return d.typesOfAll(args, seen, depth+1)
	}
	return nil, false
}

// typesOfAll is the union of typesOf over vals, when every one is known.
func (d *dispatchTypes) typesOfAll(vals []ssa.Value, seen map[ssa.Value]bool, depth int) (ts []types.Type, ok bool) {
	for _, v := range vals {
		more, ok := d.typesOf(v, seen, depth)
		if !ok {
			return nil, false
		}
		ts = append(ts, more...)
	}
	return ts, true
}

// fieldValues returns every value the package stores into the field x
// addresses, when the field is this package's, unexported, and its address
// is only ever stored to or loaded from: no other package, and no pointer
// that escapes, can set it.
func (d *dispatchTypes) fieldValues(x *ssa.FieldAddr) ([]ssa.Value, bool) {
	f := fieldVar(x)
	if f == nil || f.Exported() || f.Pkg() != d.ps.pass.Pkg {
		return nil, false
	}
	vals, ok := d.ps.index().stores[f]
	return vals, ok && !slices.Contains(vals, nil)
}

// callsOf returns the calls of fn when all of them are static calls in
// this package: fn is unexported, or the package is a program's main,
// which nothing imports; and fn is never used as a value.
func (d *dispatchTypes) callsOf(fn *ssa.Function) ([]*ssa.CallCommon, bool) {
	if fn == nil || fn.Parent() != nil || fn.Pkg == nil || fn.Pkg.Pkg != d.ps.pass.Pkg {
		return nil, false
	}
	if obj := fn.Object(); obj == nil || obj.Exported() && d.ps.pkgName != "main" {
		return nil, false
	}
	ix := d.ps.index()
	if ix.taken[fn] {
		return nil, false
	}
	return ix.calls[fn], true
}
