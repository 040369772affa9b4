package callgraph

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Callbacks that capture the object they are stored in.
//
// A closure kept in a field of the object it captures (le.cp = func() {
// le.Checkpoint() }, or le.SetCheckpointer(func() { le.Checkpoint() })) is
// called through that field as o.cp(): the captured variable is o itself.
// When every store of a closure into a field puts it into the field of the
// very object one of its captured variables holds, a call of the closure
// loaded from o's field binds that captured variable to o. Any store the
// rule cannot check (into a field of a value that is not a parameter of
// the setter, a closure capturing something else) leaves the closure
// unbound, as before: its locks are then known by class only.

type selfKey struct {
	field string
	fn    *ssa.Function
}

// selfBindings computes, per field and closure function, the index of the
// captured variable that is the object whose field holds it, or -1.
func selfBindings(funcs []*ssa.Function) map[selfKey]int {
	out := make(map[selfKey]int)
	note := func(key string, obj, fnv ssa.Value) {
		mc, ok := Unconverted(fnv).(*ssa.MakeClosure)
		if !ok {
			return
		}
		idx := -1
		if obj != nil {
			for i, b := range mc.Bindings {
				if sameObject(b, obj) {
					idx = i
					break
				}
			}
		}
		k := selfKey{key, mc.Fn.(*ssa.Function)}
		if old, seen := out[k]; seen && old != idx {
			idx = -1
		}
		out[k] = idx
	}
	setters := funcStores(funcs, func(st *ssa.Store) {
		if addr, ok := st.Addr.(*ssa.FieldAddr); ok {
			note(fieldKey(addr.X.Type(), addr.Field), addr.X, st.Val)
		}
	})
	setters.calls(funcs, nil, func(args []ssa.Value, i int, s setterStore) {
		var obj ssa.Value
		if s.obj >= 0 && s.obj < len(args) {
			obj = args[s.obj]
		}
		note(s.key, obj, args[i])
	})
	return out
}

// sameObject reports whether two values certainly hold the same pointer:
// the same value, seen through variables' cells stored once.
func sameObject(a, b ssa.Value) bool {
	a, b = stored(a), stored(b)
	return a == b
}

// stored sees through a variable's cell stored once, and through loads of it.
func stored(v ssa.Value) ssa.Value {
	for i := 0; i < 4; i++ {
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
			if _, isCell := u.X.(*ssa.Alloc); isCell {
				v = u.X
			}
		}
		a, ok := v.(*ssa.Alloc)
		if !ok {
			return v
		}
		var val ssa.Value
		for _, ref := range *a.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
				if val != nil {
					return v
				}
				val = st.Val
			}
		}
		if val == nil {
			return v
		}
		v = val
	}
	return v
}

// SelfBound reports, for a call of callee through the function value v,
// whether v is loaded from a field of an object x that is certainly one of
// callee's captured variables (see the rule above): it returns x and the
// captured variable's index.
func (g *Graph) SelfBound(v ssa.Value, callee *ssa.Function) (ssa.Value, int, bool) {
	if g.self == nil {
		g.self = selfBindings(g.funcs)
	}
	var obj ssa.Value
	var key string
	switch v := v.(type) {
	case *ssa.UnOp:
		fa, ok := v.X.(*ssa.FieldAddr)
		if !ok || v.Op != token.MUL {
			return nil, 0, false
		}
		obj, key = fa.X, fieldKey(fa.X.Type(), fa.Field)
	default:
		return nil, 0, false
	}
	idx, ok := g.self[selfKey{key, callee}]
	if !ok || idx < 0 {
		return nil, 0, false
	}
	return obj, idx, true
}
