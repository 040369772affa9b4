package callgraph

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Function values kept in slices and maps, and returned by factories.
//
// A struct field of slice or map type whose elements are functions (a list
// of handlers, a table of callbacks by name) is keyed like a function field,
// with "[]" after the field: every function this package puts into it (by
// append, an element store, a map update or a composite literal) is a
// candidate of every call of an element read from it. As for fields, the
// key is the field, not the instance.
//
// A call of a function of this package that returns function values (a
// factory: func (r *Reg) incr() func() { return func() { ... } }) yields the
// functions its return statements return at that index.

// elemKey is the key of the elements of a container field.
func elemKey(t types.Type, i int) string { return fieldKey(t, i) + "[]" }

// isFuncContainer reports whether t is a slice, array or map of functions.
func isFuncContainer(t types.Type) bool {
	var elem types.Type
	switch u := t.Underlying().(type) {
	case *types.Slice:
		elem = u.Elem()
	case *types.Array:
		elem = u.Elem()
	case *types.Map:
		elem = u.Elem()
	case *types.Pointer:
		return isFuncContainer(u.Elem())
	default:
		return false
	}
	_, ok := elem.Underlying().(*types.Signature)
	return ok
}

// containerField returns the element key of the container field x is, or
// loads, or "".
func containerField(x ssa.Value) string {
	switch x := x.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if fa, ok := x.X.(*ssa.FieldAddr); ok {
				return elemKey(fa.X.Type(), fa.Field)
			}
		}
	case *ssa.FieldAddr: // an array field, indexed in place
		return elemKey(x.X.Type(), x.Field)
	case *ssa.Field:
		return elemKey(x.X.Type(), x.Field)
	}
	return ""
}

// containerStores files the functions stored into container fields.
func (f *valueFlow) containerStores(funcs []*ssa.Function) {
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Store:
					switch addr := instr.Addr.(type) {
					case *ssa.FieldAddr: // h.fns = append(h.fns, g); h.fns = []func(){g}
						if isFuncContainer(instr.Val.Type()) {
							k := elemKey(addr.X.Type(), addr.Field)
							f.fields[k] = appendNew(f.fields[k], f.elems(instr.Val, make(map[ssa.Value]bool))...)
						}
					case *ssa.IndexAddr: // h.fns[i] = g
						if k := containerField(addr.X); k != "" {
							f.fields[k] = appendNew(f.fields[k], f.direct(instr.Val)...)
						}
					}
				case *ssa.MapUpdate: // h.byName[k] = g
					if k := containerField(instr.Map); k != "" {
						f.fields[k] = appendNew(f.fields[k], f.direct(instr.Value)...)
					}
				}
			}
		}
	}
}

// elems returns the functions a container value holds: the elements stored
// into a local slice, array or map literal, those appended, those of the
// field it was loaded from.
func (f *valueFlow) elems(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Function {
	if seen[v] {
		return nil
	}
	seen[v] = true
	if k := containerField(v); k != "" {
		return f.fields[k]
	}
	switch v := v.(type) {
	case *ssa.Slice:
		return f.elems(v.X, seen)
	case *ssa.Alloc: // a literal's backing array
		var out []*ssa.Function
		for _, ref := range *v.Referrers() {
			ia, ok := ref.(*ssa.IndexAddr)
			if !ok || ia.X != v {
				continue
			}
			for _, r := range *ia.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == ia {
					out = appendNew(out, f.direct(st.Val)...)
				}
			}
		}
		return out
	case *ssa.MakeMap: // a map literal, or a map filled before it is stored
		var out []*ssa.Function
		for _, ref := range *v.Referrers() {
			if mu, ok := ref.(*ssa.MapUpdate); ok && mu.Map == v {
				out = appendNew(out, f.direct(mu.Value)...)
			}
		}
		return out
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			var out []*ssa.Function
			for _, a := range v.Call.Args {
				out = appendNew(out, f.elems(a, seen)...)
			}
			return out
		}
	case *ssa.Phi:
		var out []*ssa.Function
		for _, e := range v.Edges {
			out = appendNew(out, f.elems(e, seen)...)
		}
		return out
	}
	return nil
}

// elemValues returns the functions an element read from a container may be,
// or nil when v is no such read.
func (f *valueFlow) elemValues(v ssa.Value) []*ssa.Function {
	switch v := v.(type) {
	case *ssa.UnOp:
		if ia, ok := v.X.(*ssa.IndexAddr); ok && v.Op == token.MUL {
			return f.elems(ia.X, make(map[ssa.Value]bool))
		}
	case *ssa.Index:
		return f.elems(v.X, make(map[ssa.Value]bool))
	case *ssa.Lookup:
		return f.elems(v.X, make(map[ssa.Value]bool))
	case *ssa.Extract: // for k, fn := range m
		if next, ok := v.Tuple.(*ssa.Next); ok && v.Index == 2 && !next.IsString {
			if rng, ok := next.Iter.(*ssa.Range); ok {
				return f.elems(rng.X, make(map[ssa.Value]bool))
			}
		}
	}
	return nil
}

// returned returns the functions a call of a function with a body returns at
// result index i: a factory's closures.
func (f *valueFlow) returned(call *ssa.Call, i int, seen map[ssa.Value]bool) []*ssa.Function {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Blocks == nil || seen[callee] {
		return nil
	}
	seen[callee] = true
	var out []*ssa.Function
	for _, ret := range Returns(callee) {
		if i < len(ret.Results) {
			out = appendNew(out, f.values(ret.Results[i], seen)...)
		}
	}
	return out
}
