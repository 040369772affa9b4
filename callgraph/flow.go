package callgraph

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// valueFlow tracks where function values go inside one package: into struct
// fields (keyed by the field, not the instance), package-level variables and
// local cells. A call through a field or variable may call any function the
// package stores there. This is the cheap, package-local half of what VTA does.
type valueFlow struct {
	fields  map[string][]*ssa.Function // "T.f" (field of a struct type) → functions stored
	globals map[*ssa.Global][]*ssa.Function
	setters setters // the functions that store a function parameter into a field or container
}

func newValueFlow(funcs []*ssa.Function, impls resolver) *valueFlow {
	f := &valueFlow{fields: make(map[string][]*ssa.Function), globals: make(map[*ssa.Global][]*ssa.Function)}
	// Setters: a parameter stored into a field receives whatever function
	// the package's callers pass for it (SetOnEvent(c.handle)).
	setters := funcStores(funcs, func(st *ssa.Store) {
		fns := f.made(st.Val)
		if len(fns) == 0 {
			return
		}
		switch addr := st.Addr.(type) {
		case *ssa.FieldAddr:
			k := fieldKey(addr.X.Type(), addr.Field)
			f.fields[k] = appendNew(f.fields[k], fns...)
		case *ssa.Global:
			f.globals[addr] = appendNew(f.globals[addr], fns...)
		}
	})
	f.containerStores(funcs, setters)
	forwardSetters(funcs, setters, impls)
	f.setters = setters
	// In the order of the parameters: the order of the functions stored.
	setters.calls(funcs, impls, func(args []ssa.Value, i int, s setterStore) {
		f.fields[s.key] = appendNew(f.fields[s.key], f.made(args[i])...)
	})
	return f
}

func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}

// direct returns the functions a value is syntactically: a function or a
// closure, converted to a named func type or not.
func (f *valueFlow) direct(v ssa.Value) []*ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return []*ssa.Function{origin(v)}
	case *ssa.MakeClosure:
		return []*ssa.Function{v.Fn.(*ssa.Function)}
	case *ssa.ChangeType: // a func literal given a named func type
		return f.direct(v.X)
	}
	return nil
}

// made returns the functions a stored value is: the function or closure
// itself, or what a factory returns (deleteFn: newDeleter(t), where
// newDeleter returns a closure).
func (f *valueFlow) made(v ssa.Value) []*ssa.Function {
	if fns := f.direct(v); fns != nil {
		return fns
	}
	return f.result(v, make(map[ssa.Value]bool))
}

// result returns the functions a call result v may be: what the static
// callee returns there.
func (f *valueFlow) result(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Function {
	if wrapped, ok := OnceWrapped(v); ok {
		return f.values(wrapped, seen)
	}
	switch v := v.(type) {
	case *ssa.Call:
		return f.returned(v, 0, seen)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return f.returned(call, v.Index, seen)
		}
	}
	return nil
}

func (f *valueFlow) values(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Function {
	if seen[v] {
		return nil
	}
	seen[v] = true
	if fns := f.direct(v); fns != nil {
		return fns
	}
	if fns := f.elemValues(v); fns != nil {
		return fns
	}
	switch v := v.(type) {
	case *ssa.Call, *ssa.Extract:
		return f.result(v, seen)
	case *ssa.Phi:
		var out []*ssa.Function
		for _, e := range v.Edges {
			out = appendNew(out, f.values(e, seen)...)
		}
		return out
	case *ssa.ChangeType:
		return f.values(v.X, seen)
	case *ssa.MakeInterface:
		return f.values(v.X, seen)
	case *ssa.Field:
		return f.fields[fieldKey(v.X.Type(), v.Field)]
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		switch p := v.X.(type) {
		case *ssa.FieldAddr:
			return f.fields[fieldKey(p.X.Type(), p.Field)]
		case *ssa.Global:
			return f.globals[p]
		case *ssa.Alloc, *ssa.FreeVar:
			return f.cellValues(p, seen)
		}
	}
	return nil
}

// cellValues returns the functions stored in a variable's cell: a local
// cell, or the cell a closure captured (a closure calling another closure
// of the same enclosing function, such as a shared rollback), found through
// the bindings of the closures made of it.
func (f *valueFlow) cellValues(cell ssa.Value, seen map[ssa.Value]bool) []*ssa.Function {
	switch c := cell.(type) {
	case *ssa.Alloc:
		var out []*ssa.Function
		for _, ref := range *c.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == c {
				out = appendNew(out, f.values(st.Val, seen)...)
			}
		}
		return out
	case *ssa.FreeVar:
		if seen[c] {
			return nil
		}
		seen[c] = true
		fn := c.Parent()
		idx := -1
		for i, fv := range fn.FreeVars {
			if fv == c {
				idx = i
			}
		}
		if idx < 0 || fn.Parent() == nil {
			return nil
		}
		var out []*ssa.Function
		for _, b := range fn.Parent().Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && idx < len(mc.Bindings) {
					out = appendNew(out, f.cellValues(mc.Bindings[idx], seen)...)
				}
			}
		}
		return out
	}
	return nil
}

func fieldKey(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		t = n.Origin()
	}
	name := "?"
	if st, ok := t.Underlying().(*types.Struct); ok && i < st.NumFields() {
		name = st.Field(i).Name()
	}
	return types.TypeString(t, nil) + "." + name
}

func appendNew(dst []*ssa.Function, fns ...*ssa.Function) []*ssa.Function {
outer:
	for _, fn := range fns {
		for _, d := range dst {
			if d == fn {
				continue outer
			}
		}
		dst = append(dst, fn)
	}
	return dst
}

// OnceWrapped returns f when v is the function sync.OnceFunc(f),
// sync.OnceValue(f) or sync.OnceValues(f) returns: calling v runs f (the
// first time; later calls return what it returned). A lock released
// through `unlock := sync.OnceFunc(mu.Unlock)` is released by `unlock()`.
func OnceWrapped(v ssa.Value) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return nil, false
	}
	fn := call.Call.StaticCallee()
	if fn == nil {
		return nil, false
	}
	fn = origin(fn)
	if fn.Pkg == nil || fn.Pkg.Pkg.Path() != "sync" || fn.Signature.Recv() != nil {
		return nil, false
	}
	switch fn.Name() {
	case "OnceFunc", "OnceValue", "OnceValues":
		return call.Call.Args[0], true
	}
	return nil, false
}
