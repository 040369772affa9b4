package analyzer

import (
	"go/token"
	"go/types"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Fields set once, when the object is made.
//
// `r := &Reader{store: s}` (or a constructor that returns it) makes r.store
// another name for s: a lock reached as r.store.mu is s.mu, and the lock a
// method of r takes through its receiver's store field is the caller's
// s.mu. Named by where they live, r.store.mu and s.mu would be two locks.
// The model binds a field to the value stored in it when
//
//   - the field is stable: unexported (no other package assigns it), every
//     assignment to it in the package is into an object the same function
//     has just allocated (a composite literal or new), its address is used
//     only to load or store it, and its struct is never assigned whole;
//   - the object is one allocation the function makes, and the field is
//     stored there exactly once: a load of the field names what was stored;
//   - across calls: a function whose every return hands back the same
//     allocation records, per stable field stored once, what it stored in
//     terms of its parameters or package-level variables (Summary.Returns
//     with Field set); a caller reading that field of the result (or
//     passing the result to a callee that does) names the argument.
//
// Anything else stays as it was: a field of an opaque call result, or one
// assigned after construction, names the field itself. So does a channel
// field: the methods of its object name the channel by the field, the
// class every function agrees on, while the value stored is an allocation
// of the constructor's; binding one use and not the others would split one
// channel in two. (A lock class is the field's in both names.)

// stableFields finds the stable fields of the package (see above), by class
// key.
func (ps *passState) stableFields(whole map[string]bool) map[string]bool {
	stable := make(map[string]bool)
	for _, fn := range ps.graph.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				key, ok := ps.ownField(fa)
				if !ok {
					continue
				}
				ok = !whole[key[:len(key)-len(fieldName(fa.X.Type(), fa.Field))]]
				for _, use := range *fa.Referrers() {
					switch use := use.(type) {
					case *ssa.UnOp: // a load
					case *ssa.Store:
						_, fresh := fa.X.(*ssa.Alloc)
						ok = ok && use.Addr == fa && fresh
					default:
						ok = false
					}
				}
				if old, seen := stable[key]; !seen || old {
					stable[key] = ok
				}
			}
		}
	}
	return stable
}

// ownField returns the class key of the field fa addresses when it is an
// unexported field of a named struct of this package.
func (ps *passState) ownField(fa *ssa.FieldAddr) (string, bool) {
	n, ok := types.Unalias(deref(fa.X.Type())).(*types.Named)
	if !ok || n.Obj().Pkg() != ps.pass.Pkg {
		return "", false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() || st.Field(fa.Field).Exported() {
		return "", false
	}
	return fieldClass(n, st.Field(fa.Field).Name(), Class{}).Key, true
}

// storedOnce returns the only value stored in field i of the allocation
// a, when the field is stable; nil otherwise.
func (t *aliasTable) storedOnce(ps *passState, a *ssa.Alloc, i int) ssa.Value {
	var val ssa.Value
	for _, ref := range *a.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.X != a || fa.Field != i {
			continue
		}
		if key, ok := ps.ownField(fa); !ok || !t.stable[key] {
			return nil
		}
		for _, use := range *fa.Referrers() {
			if st, ok := use.(*ssa.Store); ok && st.Addr == fa {
				if val != nil {
					return nil
				}
				val = st.Val
			}
		}
	}
	return val
}

// boundField resolves field name of the object v, when v is an allocation
// of this function or the result of a call whose callee binds that field
// (see above).
func (r *resolver) boundField(v ssa.Value, name string) (Ref, bool) {
	if r.alias == nil || r.alias.ps == nil {
		return Ref{}, false
	}
	switch x := unwrapIface(v).(type) {
	case *ssa.Alloc:
		i := fieldIndex(x.Type(), name)
		if i < 0 {
			return Ref{}, false
		}
		if val := r.alias.storedOnce(r.alias.ps, x, i); val != nil && !isChan(val.Type()) {
			return r.resolve(val), true
		}
	case *ssa.Call:
		if r.fieldOf != nil {
			return r.fieldOf(x, 0, name)
		}
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok && r.fieldOf != nil {
			return r.fieldOf(call, x.Index, name)
		}
	}
	return Ref{}, false
}

// boundClosure returns the closure stored once in field name of v, an
// allocation of this function whose field is stable (see above), or nil.
func (r *resolver) boundClosure(v ssa.Value, name string) *ssa.MakeClosure {
	mc, _ := callgraph.Unconverted(r.storedIn(v, name)).(*ssa.MakeClosure)
	return mc
}

// storedIn returns the value stored once in the stable field name of v, an
// allocation of this function (see above), or nil.
func (r *resolver) storedIn(v ssa.Value, name string) ssa.Value {
	a, ok := unwrapIface(v).(*ssa.Alloc)
	if !ok || r.alias == nil || r.alias.ps == nil {
		return nil
	}
	i := fieldIndex(a.Type(), name)
	if i < 0 {
		return nil
	}
	return r.alias.storedOnce(r.alias.ps, a, i)
}

// boundFactoryVar resolves the free variable elem ($fvN@fn) of the closure
// kept in field name of v, when the field (stable, see above) holds the
// result of a factory call that returns closure fn: the factory binds the
// closure's variables to the call's arguments (factory.go). It returns the
// variable's Ref in this frame, and whether the closure reads it through a
// cell the factory stored once (the path's next "*" is that read).
func (r *resolver) boundFactoryVar(v ssa.Value, name, elem string) (ref Ref, cell, ok bool) {
	idx, fn, okElem := parseFreeVar(elem)
	if !okElem || fn == "" {
		return Ref{}, false, false
	}
	call, isCall := r.storedIn(v, name).(*ssa.Call)
	if !isCall || call.Call.StaticCallee() == nil || call.Call.StaticCallee().Blocks == nil {
		return Ref{}, false, false
	}
	var callee *ssa.Function
	for _, ret := range callgraph.Returns(call.Call.StaticCallee()) {
		if len(ret.Results) > 0 {
			if mc, ok := ret.Results[0].(*ssa.MakeClosure); ok && mc.Fn.String() == fn {
				callee = mc.Fn.(*ssa.Function)
			}
		}
	}
	if callee == nil {
		return Ref{}, false, false
	}
	free, refs, cells := r.factoryFree(call, callee)
	switch {
	case idx < len(refs) && refs[idx] != nil:
		return *refs[idx], cells[idx], true
	case idx < len(free) && free[idx] != nil:
		return r.resolve(free[idx]), cells[idx], true
	}
	return Ref{}, false, false
}

// loadedField resolves a load of a field (*(&x.f)) through boundField.
func (r *resolver) loadedField(v ssa.Value) (Ref, bool) {
	u, ok := v.(*ssa.UnOp)
	if !ok {
		return Ref{}, false
	}
	fa, ok := u.X.(*ssa.FieldAddr)
	if !ok {
		return Ref{}, false
	}
	return r.boundField(fa.X, fieldName(fa.X.Type(), fa.Field))
}

func fieldIndex(t types.Type, name string) int {
	if st, ok := deref(t).Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields(); i++ {
			if st.Field(i).Name() == name {
				return i
			}
		}
	}
	return -1
}

// resultField resolves field name of result i of call through the single
// callee's summary (Summary.Returns entries with that Field; "" for the
// result itself).
func (fa *fnAnalysis) resultField(call *ssa.Call, i int, name string) (Ref, bool) {
	site := fa.ps.graph.Site(call)
	if site == nil || len(site.Callees) != 1 {
		return Ref{}, false
	}
	callee := site.Callees[0]
	sum := fa.ps.summary(callee)
	if sum == nil {
		return Ref{}, false
	}
	for _, rr := range sum.Returns {
		if rr.Index != i || rr.Field != name {
			continue
		}
		r, ok := fa.bind(site, callee, nil).ref(rr.Ref)
		// (an argument the caller names only by its value, a constructor's
		// result, is still that value: `s := New(); tr := s.Read()`, where
		// tr.s is s)
		if !ok || r.Base == BaseOpaque && (rr.Ref.Base != BaseParam || len(rr.Ref.Path) > 0) || r.Inexact {
			return Ref{}, false
		}
		return r, true
	}
	return Ref{}, false
}

// resultFields records, per result that every return hands back as one
// allocation of this function (or nil, as an error path does), the stable
// fields stored there once, in terms a caller can rewrite (see above).
func (fa *fnAnalysis) resultFields() []ReturnRef {
	t := fa.ps.aliases
	if t == nil {
		return nil
	}
	n := fa.fn.Signature.Results().Len()
	allocs := make([]*ssa.Alloc, n)
	agree := make([]bool, n)
	for i := range agree {
		agree[i] = true
	}
	seen := false
	for _, ret := range callgraph.Returns(fa.fn) {
		if len(ret.Results) != n {
			continue
		}
		seen = true
		for i, v := range ret.Results {
			if mi, ok := v.(*ssa.MakeInterface); ok {
				v = mi.X
			}
			if isNilConst(v) {
				continue // no object: a field read through it panics, and names nothing
			}
			a, ok := resultAlloc(v)
			if !ok || allocs[i] != nil && allocs[i] != a {
				agree[i] = false
				continue
			}
			allocs[i] = a
		}
	}
	if !seen {
		return nil
	}
	var out []ReturnRef
	for i, a := range allocs {
		if !agree[i] || a == nil {
			continue
		}
		st, ok := deref(a.Type()).Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for f := 0; f < st.NumFields(); f++ {
			val := t.storedOnce(fa.ps, a, f)
			if val == nil || isChan(val.Type()) || !canHoldResource(val.Type()) && !types.IsInterface(val.Type()) {
				continue
			}
			r := fa.r.resolve(val)
			if r.Base != BaseParam && r.Base != BaseGlobal || r.Inexact {
				continue
			}
			out = append(out, ReturnRef{Index: i, Field: st.Field(f).Name(), Ref: r})
		}
	}
	return out
}

// resultAlloc returns the allocation a result hands back: a new object
// (&T{...}), or a struct value built in a local of its own and loaded
// whole (return T{...}), whose fields the caller's copy holds as stored.
func resultAlloc(v ssa.Value) (*ssa.Alloc, bool) {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		a, ok := load.X.(*ssa.Alloc)
		return a, ok && !a.Heap
	}
	a, ok := v.(*ssa.Alloc)
	return a, ok && a.Heap
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// fieldHome returns the field a channel made here is stored in, when it is
// a stable field of an object this function allocates, stored there once.
// The object's methods, and the goroutines it is handed to, name the
// channel by that field (see above); the local variable is another name
// for it, and a receive through the variable is a receive on the field.
// Named apart, `res := make(chan T); j := &job{res: res}; go j.run();
// <-res` would be a send on j.res nothing receives from.
func (r *resolver) fieldHome(mc *ssa.MakeChan) (*ssa.FieldAddr, bool) {
	if r.alias == nil || r.alias.ps == nil {
		return nil, false
	}
	var home *ssa.FieldAddr
	for _, ref := range *mc.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Val != mc {
			continue
		}
		fa, ok := st.Addr.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		a, ok := fa.X.(*ssa.Alloc)
		if !ok || home != nil || r.alias.storedOnce(r.alias.ps, a, fa.Field) != mc {
			return nil, false
		}
		home = fa
	}
	return home, home != nil
}
