package analyzer

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Lock identity through a field that points at a lock of its own object.
//
// `e.cond = sync.NewCond(e.mu.RLocker())` makes e.cond.L another name for
// e.mu's read side; `w.l = &w.mu` makes w.l (a sync.Locker) another name for
// w.mu. Named by where they live, the two would be two locks, and a Lock
// through one name while the other is held would be no double lock. The
// field is an alias of the lock when every assignment to it in the package
// is of that form with the same path inside the object being assigned to:
//
//   - a *sync.Cond field assigned sync.NewCond(l) or &sync.Cond{L: l}:
//     x.f.L names x.path;
//   - a sync.Locker field assigned l: x.f names x.path;
//
// where l resolves to x.path (a field path, with RLocker's read view, of the
// very object x whose field is assigned). Only unexported fields count, so
// no other package can assign them; a field assigned anything else, or two
// different paths, or whose struct is ever assigned whole (a copy of
// another object's, whose lock is not this one), is no alias.

// fieldAlias is the lock a field stands for, relative to the object that
// holds the field.
type fieldAlias struct {
	path  []string // from the object: the lock's fields, and "#r" for a read view
	class Class    // the lock's class
}

// aliasTable holds, by the class key of the field, the aliases found, and
// the fields that are no alias (assigned otherwise).
type aliasTable struct {
	conds   map[string]*fieldAlias // *sync.Cond fields: their L
	lockers map[string]*fieldAlias // sync.Locker fields: themselves
	stable  map[string]bool        // fields set once, when the object is made (fieldbind.go)
	ps      *passState
}

// findAliases scans every store of the package's functions for the
// assignments above.
func (ps *passState) findAliases() *aliasTable {
	t := &aliasTable{conds: make(map[string]*fieldAlias), lockers: make(map[string]*fieldAlias)}
	whole := make(map[string]bool) // struct types assigned whole, by "pkg.T."
	for _, fn := range ps.graph.Funcs() {
		var r *resolver
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if n, ok := types.Unalias(st.Val.Type()).(*types.Named); ok && isStruct(n) && !copyInit(st) {
					whole[fieldClass(n, "", Class{}).Key] = true
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				kind, cond := t.kindOf(fa)
				if kind == nil {
					continue
				}
				if r == nil {
					r = newResolver(fn, ps.pass.Fset)
				}
				key := r.resolve(fa).Class.Key
				alias := aliasOf(r, fa.X, lockValue(st.Val, cond))
				if old, seen := kind[key]; seen && (old == nil || alias == nil || !sameAlias(*old, *alias)) {
					alias = nil
				}
				kind[key] = alias
			}
		}
	}
	t.stable, t.ps = ps.stableFields(whole), ps
	for _, m := range []map[string]*fieldAlias{t.conds, t.lockers} {
		for k := range m {
			if whole[k[:strings.LastIndex(k, ".")+1]] {
				m[k] = nil
			}
		}
	}
	return t
}

// kindOf returns the table a field address belongs to: an unexported
// field of type *sync.Cond or sync.Locker of a named struct; nil otherwise.
func (t *aliasTable) kindOf(fa *ssa.FieldAddr) (kind map[string]*fieldAlias, cond bool) {
	n, ok := types.Unalias(deref(fa.X.Type())).(*types.Named)
	if !ok {
		return nil, false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() || st.Field(fa.Field).Exported() {
		return nil, false
	}
	switch ft := st.Field(fa.Field).Type(); {
	case isSyncType(ft, "Cond"):
		if _, ptr := ft.Underlying().(*types.Pointer); ptr {
			return t.conds, true
		}
	case isSyncType(ft, "Locker"):
		if _, iface := ft.Underlying().(*types.Interface); iface {
			return t.lockers, false
		}
	}
	return nil, false
}

// lockValue returns, for a value assigned to a Cond field (cond), the lock
// the Cond was made with; for a Locker field, the value itself. Nil when it
// is not of those forms.
func lockValue(v ssa.Value, cond bool) ssa.Value {
	if !cond {
		if mi, ok := v.(*ssa.MakeInterface); ok {
			return mi.X
		}
		return v
	}
	switch v := v.(type) {
	case *ssa.Call:
		if name, _ := calleeName(v.Common()); syncAPI[name].op == OpNewCond && len(v.Call.Args) == 1 {
			return lockValue(v.Call.Args[0], false)
		}
	case *ssa.Alloc: // &sync.Cond{L: l}
		var l ssa.Value
		for _, ref := range *v.Referrers() {
			if fa, ok := ref.(*ssa.FieldAddr); ok && fa.X == v && fieldName(v.Type(), fa.Field) == "L" {
				for _, use := range *fa.Referrers() {
					if st, ok := use.(*ssa.Store); ok && st.Addr == fa {
						if l != nil {
							return nil
						}
						l = lockValue(st.Val, false)
					}
				}
			}
		}
		return l
	}
	return nil
}

// aliasOf returns the alias for a lock l assigned to a field of obj: l's
// path inside obj; nil unless l lies inside obj.
func aliasOf(r *resolver, obj, l ssa.Value) *fieldAlias {
	if l == nil {
		return nil
	}
	o, lr := r.resolve(obj), r.resolve(l)
	if !lr.Class.known() || !lr.exact() || len(lr.Path) <= len(o.Path) || !strings.HasPrefix(lr.key(), o.key()+".") {
		return nil
	}
	rel := lr.Path[len(o.Path):]
	for _, p := range rel {
		if p == "*" || strings.HasPrefix(p, freeVarPrefix) {
			return nil
		}
	}
	return &fieldAlias{path: append([]string(nil), rel...), class: lr.Class}
}

func sameAlias(a, b fieldAlias) bool {
	return a.class.Key == b.class.Key && strings.Join(a.path, ".") == strings.Join(b.path, ".")
}

// aliased rewrites ref, which v resolved to, when v reaches a lock through
// an alias field: x.f.L for a Cond field f, x.f for a Locker field f.
func (t *aliasTable) aliased(r *resolver, v ssa.Value, ref Ref) Ref {
	if bound, ok := r.loadedField(v); ok {
		return bound // a field set once, when its object was made (fieldbind.go)
	}
	var x ssa.Value
	var field int
	switch v := v.(type) {
	case *ssa.FieldAddr:
		x, field = v.X, v.Field
	case *ssa.Field:
		x, field = v.X, v.Field
	default:
		return ref
	}
	if a := t.lockers[ref.Class.Key]; a != nil && len(ref.Path) > 0 {
		return a.apply(ref)
	}
	if fieldName(x.Type(), field) != "L" || !isSyncType(x.Type(), "Cond") {
		return ref
	}
	base := r.resolve(x)
	if a := t.conds[base.Class.Key]; a != nil && len(base.Path) > 0 {
		return a.apply(base)
	}
	return ref
}

// apply replaces the alias field at the end of ref's path by the lock.
func (a *fieldAlias) apply(ref Ref) Ref {
	ref.Path = append(append([]string(nil), ref.Path[:len(ref.Path)-1]...), a.path...)
	ref.Class = a.class
	return ref
}

// isSyncType reports whether t is sync.name or a pointer to it.
func isSyncType(t types.Type, name string) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == name
}

// copyInit reports whether the whole-struct store st is the one store of a
// local variable of its own (a value parameter spilled to its copy, x :=
// y): it makes a new value, and rebinds no field of any other object.
func copyInit(st *ssa.Store) bool {
	a, ok := st.Addr.(*ssa.Alloc)
	if !ok || a.Heap {
		return false
	}
	for _, r := range *a.Referrers() {
		if o, ok := r.(*ssa.Store); ok && o != st && o.Addr == a {
			return false
		}
	}
	return true
}
