package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Copies of a struct value.
//
// A struct copied by value (w := *p, a value receiver, a struct passed by
// value) shares the channels, maps and pointees of the original: those are
// references, and the copy names them as the original does (see the Alloc
// case of resolver.compute). A sync.Mutex, RWMutex, WaitGroup, Once or
// Cond held inline, though, is copied with the struct: its identity is its
// address, and the copy's is a new one. Locking it neither waits for the
// original's holder nor conflicts with it.

// isCopy reports whether v is a load of a whole struct (*p): the value a
// by-value argument or `w := *p` takes, a copy.
func isCopy(v ssa.Value) bool {
	ld, ok := v.(*ssa.UnOp)
	return ok && ld.Op == token.MUL && isStruct(ld.Type())
}

// fieldChain returns the value a chain of field addresses starts from
// (&x.a.b: x) and the chain, outermost field first.
func fieldChain(v ssa.Value) (ssa.Value, []*ssa.FieldAddr) {
	var chain []*ssa.FieldAddr
	for {
		f, ok := v.(*ssa.FieldAddr)
		if !ok {
			slices.Reverse(chain)
			return v, chain
		}
		chain = append(chain, f)
		v = f.X
	}
}

// inCopy names addr when it is a sync value held inline in a local copy of
// a struct (w := *p; &w.mu): a field of that copy, an allocation of its own,
// not of the struct it was copied from.
func (r *resolver) inCopy(addr *ssa.FieldAddr) (Ref, bool) {
	if !syncValue(deref(addr.Type()), syncValues...) {
		return Ref{}, false
	}
	root, chain := fieldChain(addr)
	a, ok := root.(*ssa.Alloc)
	if !ok || !isCopy(uniqueStore(a)) {
		return Ref{}, false
	}
	ref := r.allocSite(a)
	for _, fa := range chain {
		f := fieldName(fa.X.Type(), fa.Field)
		ref = ref.withPath(f, fieldClass(fa.X.Type(), f, ref.Class))
	}
	return ref, true
}

// copiedSync reports whether path, followed field by field from the struct
// type t through fields held inline (no pointer on the way), ends at a sync
// value: a callee's lock that lives in the caller's copy of t.
func copiedSync(t types.Type, path []string) bool {
	if len(path) == 0 {
		return false
	}
	for _, name := range path {
		st, ok := t.Underlying().(*types.Struct) // not through a pointer
		i := fieldIndex(t, name)
		if !ok || i < 0 {
			return false
		}
		t = st.Field(i).Type()
	}
	return syncValue(t, syncValues...)
}

// syncValues are the sync types whose identity is their address.
var syncValues = []string{"Mutex", "RWMutex", "WaitGroup", "Once", "Cond"}

// syncValue reports whether t is one of the named sync types (by value,
// not a pointer to one).
func syncValue(t types.Type, names ...string) bool {
	if _, ok := t.(*types.Pointer); ok {
		return false
	}
	return slices.ContainsFunc(names, func(name string) bool { return isSyncType(t, name) })
}
