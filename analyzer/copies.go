package analyzer

import (
	"go/token"
	"go/types"

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

// copyOf returns the struct value v copies when v is a load of a whole
// struct (*p), the value a by-value argument or `w := *p` takes.
func copyOf(v ssa.Value) (ssa.Value, bool) {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL || !isStruct(ld.Type()) {
		return nil, false
	}
	return ld.X, true
}

// inCopy names addr when it is a sync value held inline in a local copy of
// a struct (w := *p; &w.mu): a field of that copy, an allocation of its own,
// not of the struct it was copied from.
func (r *resolver) inCopy(addr *ssa.FieldAddr) (Ref, bool) {
	if !syncValue(deref(addr.Type())) {
		return Ref{}, false
	}
	var chain []*ssa.FieldAddr
	var x ssa.Value = addr
	for {
		fa, ok := x.(*ssa.FieldAddr)
		if !ok {
			break
		}
		chain = append(chain, fa)
		x = fa.X
	}
	a, ok := x.(*ssa.Alloc)
	if !ok {
		return Ref{}, false
	}
	if _, copied := copyOf(uniqueStore(a)); !copied {
		return Ref{}, false
	}
	ref := r.allocSite(a)
	for i := len(chain) - 1; i >= 0; i-- {
		fa := chain[i]
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
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return false
		}
		var next types.Type
		for i := range st.NumFields() {
			if st.Field(i).Name() == name {
				next = st.Field(i).Type()
				break
			}
		}
		if next == nil {
			return false
		}
		t = next
	}
	return syncValue(t)
}

// syncValue reports whether t is one of the sync types whose identity is
// its address (not a pointer to one).
func syncValue(t types.Type) bool {
	if _, ok := t.(*types.Pointer); ok {
		return false
	}
	for _, name := range []string{"Mutex", "RWMutex", "WaitGroup", "Once", "Cond"} {
		if isSyncType(t, name) {
			return true
		}
	}
	return false
}
