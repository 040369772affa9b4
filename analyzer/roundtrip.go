package analyzer

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Paths that lead back to where they start.
//
// A method of T may reach a resource of its own receiver by a detour: a
// connection's handler calls back c.receiver.onConfig, a method value of
// c itself, so the channel it waits on, named c.receiver.onConfig.$fv0.done,
// is c.done. Named by path, the two are different channels of one class,
// and a claim about "its own" channel would rest on the class alone. The
// model proves the detour closes when every object of T the package makes
// gets, through fields set once when it is made (stable fields, see
// fieldbind.go) and the bindings of the method values stored there, back to
// itself; objects made elsewhere cannot set the unexported fields on the
// path. Anything it cannot follow (an element of a slice, a field stored
// twice, a call result) leaves the two apart.

// pathReturns reports whether following path from any object of type t
// the package allocates leads back to that object.
func (ps *passState) pathReturns(t types.Type, path []string) bool {
	if ps.aliases == nil || len(path) == 0 {
		return false
	}
	named, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || named.Obj().Pkg() != ps.pass.Pkg {
		return false
	}
	n := 0
	for _, fn := range ps.graph.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				a, ok := instr.(*ssa.Alloc)
				if !ok || !types.Identical(deref(a.Type()), named) {
					continue
				}
				if ps.follow(a, path) != ssa.Value(a) {
					return false
				}
				n++
			}
		}
	}
	return n > 0
}

// follow walks path from the value v through stable fields stored once
// and the bindings of closures; nil where it cannot.
func (ps *passState) follow(v ssa.Value, path []string) ssa.Value {
	for _, step := range path {
		v = unwrapIface(v)
		switch {
		case strings.HasPrefix(step, freeVarPrefix):
			mc, ok := v.(*ssa.MakeClosure)
			i, fn, okElem := parseFreeVar(step)
			if !ok || !okElem || i >= len(mc.Bindings) || fn != "" && mc.Fn.String() != fn {
				return nil
			}
			v = mc.Bindings[i]
		default:
			a, ok := v.(*ssa.Alloc)
			i := fieldIndex(v.Type(), step)
			if !ok || i < 0 {
				return nil
			}
			if v = ps.aliases.storedOnce(ps, a, i); v == nil {
				return nil
			}
		}
	}
	return unwrapIface(v)
}

// unwrapIface strips the conversions that keep the object a value is.
func unwrapIface(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}

// Back pointers from the elements of a collection.
//
// A store keeps its replicas in a map, and each replica points back to its
// store: a lock reached as r.store.mu, for r ranging over s.replicas, is
// s.mu. The model proves it when every element the package puts into that
// field's collection, on any object x, leads back to x by the rest of the
// path (elementsReturn): the field is unexported, the collection is only
// made empty and stored there, read, ranged over, measured or deleted from,
// and every insertion (m[k] = v on a map loaded from x.f) inserts a v whose
// path returns to x. A collection passed to a function, or an insertion the
// model cannot follow, leaves the elements unknown.

// elementsReturn reports whether every element put into field of any
// object of type owner leads back to that object by the path rest.
func (ps *passState) elementsReturn(owner types.Type, field string, rest []string) bool {
	key := types.TypeString(owner, nil) + "\x00" + field + "\x00" + strings.Join(rest, ".")
	if ok, seen := ps.backs[key]; seen {
		return ok
	}
	ok := ps.elementsReturnNow(owner, field, rest)
	if ps.backs == nil {
		ps.backs = make(map[string]bool)
	}
	ps.backs[key] = ok
	return ok
}

func (ps *passState) elementsReturnNow(owner types.Type, field string, rest []string) bool {
	named, ok := types.Unalias(deref(owner)).(*types.Named)
	if !ok || named.Obj().Pkg() != ps.pass.Pkg || ps.aliases == nil {
		return false
	}
	idx := fieldIndex(named, field)
	if idx < 0 || !ps.aliases.stable[fieldClass(named, field, Class{}).Key] || !unexportedMap(named, idx) {
		return false
	}
	ours := func(fa *ssa.FieldAddr) bool {
		return fa.Field == idx && types.Identical(deref(fa.X.Type()), named)
	}
	n := 0
	for _, fn := range ps.graph.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok || !ours(fa) {
					continue
				}
				for _, use := range *fa.Referrers() {
					switch use := use.(type) {
					case *ssa.Store:
						if _, fresh := use.Val.(*ssa.MakeMap); !fresh || use.Addr != fa {
							return false
						}
					case *ssa.UnOp:
						for _, u := range *use.Referrers() {
							switch u := u.(type) {
							case *ssa.MapUpdate:
								if u.Map != use || ps.follow(u.Value, rest) != unwrapIface(fa.X) {
									return false
								}
								n++
							case *ssa.Lookup, *ssa.Range:
							case *ssa.Call:
								if b, ok := u.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" && b.Name() != "delete" {
									return false
								}
							default:
								return false
							}
						}
					default:
						return false
					}
				}
			}
		}
	}
	return n > 0
}

// unexportedMap reports whether field i of the struct of named is an
// unexported map: no other package reaches into it.
func unexportedMap(named *types.Named, i int) bool {
	st, ok := named.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() || st.Field(i).Exported() {
		return false
	}
	_, isMap := st.Field(i).Type().Underlying().(*types.Map)
	return isMap
}

// sameByDetour reports whether the lock a, acquired while h is held, is h
// itself reached by a detour through the elements of a collection of h's
// object (r.store.mu for r ranging over s.replicas, with s.mu held): a's
// base is a value this function ranges over from a map field of the
// object h is named from, and the rest of a's path leads back to it
// (elementsReturn).
func (fa *fnAnalysis) sameByDetour(h, a Ref) bool {
	if !h.Class.known() || h.Class.Key != a.Class.Key || a.Base != BaseOpaque || len(a.Path) == 0 {
		return false
	}
	if !strings.HasPrefix(a.Name, fa.fn.String()) {
		return false // a value of another function's
	}
	var elem ssa.Value // the value a's path starts from
	for v, ref := range fa.r.memo {
		if ref.Base == BaseOpaque && ref.Name == a.Name && len(ref.Path) == 0 {
			elem = v
			break
		}
	}
	x, ok := elem.(*ssa.Extract)
	if !ok || x.Index != 2 {
		return false
	}
	next, ok := x.Tuple.(*ssa.Next)
	if !ok || next.IsString {
		return false
	}
	rng, ok := next.Iter.(*ssa.Range)
	if !ok {
		return false
	}
	ld, ok := rng.X.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	field, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	// h is the owner's lock: the owner's path, then the lock's within it;
	// a reaches the lock's path by the detour from an element.
	owner := fa.r.resolve(field.X)
	if owner.Base != h.Base || owner.Index != h.Index || owner.Name != h.Name || len(owner.Path) >= len(h.Path) ||
		!slices.Equal(owner.Path, h.Path[:len(owner.Path)]) {
		return false
	}
	lock := h.Path[len(owner.Path):]
	if len(a.Path) <= len(lock) || !slices.Equal(lock, a.Path[len(a.Path)-len(lock):]) {
		return false
	}
	return fa.ps.elementsReturn(field.X.Type(), fieldName(field.X.Type(), field.Field), a.Path[:len(a.Path)-len(lock)])
}
