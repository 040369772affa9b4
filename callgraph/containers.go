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

// containerStores files the functions stored into container fields, and,
// as setters (s), the parameters stored there (m.handlers = append(
// m.handlers, h), m.byName[k] = h): a caller's function passed for such a
// parameter lands in the container, as it does in a plain field.
func (f *valueFlow) containerStores(funcs []*ssa.Function, s setters) {
	for fn, instr := range instrsIn(funcs) {
		var k string
		var stored ssa.Value
		whole := false // a container value stored whole into the field
		switch instr := instr.(type) {
		case *ssa.Store:
			switch addr := instr.Addr.(type) {
			case *ssa.FieldAddr: // h.fns = append(h.fns, g); h.fns = []func(){g}
				if isFuncContainer(instr.Val.Type()) {
					k, stored, whole = elemKey(addr.X.Type(), addr.Field), instr.Val, true
				}
			case *ssa.IndexAddr: // h.fns[i] = g
				k, stored = containerField(addr.X), instr.Val
			}
		case *ssa.MapUpdate: // h.byName[k] = g
			k, stored = containerField(instr.Map), instr.Value
		}
		if k == "" {
			continue
		}
		var fns []*ssa.Function
		elem := func(x ssa.Value) {
			fns = appendNew(fns, f.direct(x)...)
			if p, ok := Unconverted(x).(*ssa.Parameter); ok {
				s.add(fn, paramIndex(fn, p), setterStore{k, -1})
			}
		}
		if whole {
			containerParts(stored, make(map[ssa.Value]bool), elem, func(field string) { fns = appendNew(fns, f.fields[field]...) })
		} else {
			elem(stored)
		}
		f.fields[k] = appendNew(f.fields[k], fns...)
	}
}

// elems returns the functions a container value holds: the elements stored
// into a local slice, array or map literal, those appended, those of the
// field it was loaded from.
func (f *valueFlow) elems(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Function {
	var out []*ssa.Function
	containerParts(v, seen,
		func(x ssa.Value) { out = appendNew(out, f.direct(x)...) },
		func(k string) { out = appendNew(out, f.fields[k]...) })
	return out
}

// containerParts walks a container value back to what it was built from:
// it calls elem with each value stored into a slice or array literal or a
// map made here (through slicing, append and phis), and field with the key
// of each container field it was loaded from.
func containerParts(v ssa.Value, seen map[ssa.Value]bool, elem func(ssa.Value), field func(string)) {
	if seen[v] {
		return
	}
	seen[v] = true
	if k := containerField(v); k != "" {
		field(k)
		return
	}
	switch v := v.(type) {
	case *ssa.Slice:
		containerParts(v.X, seen, elem, field)
	case *ssa.Alloc: // a literal's backing array
		for _, ref := range *v.Referrers() {
			ia, ok := ref.(*ssa.IndexAddr)
			if !ok || ia.X != v {
				continue
			}
			for _, r := range *ia.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == ia {
					elem(st.Val)
				}
			}
		}
	case *ssa.MakeMap: // a map literal, or a map filled before it is stored
		for _, ref := range *v.Referrers() {
			if mu, ok := ref.(*ssa.MapUpdate); ok && mu.Map == v {
				elem(mu.Value)
			}
		}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			for _, a := range v.Call.Args {
				containerParts(a, seen, elem, field)
			}
		}
	case *ssa.Phi:
		for _, e := range v.Edges {
			containerParts(e, seen, elem, field)
		}
	}
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
