package analyzer

import (
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Where a context comes from, and whether its Done channel can ever fire.
//
// A context's Done channel is closed when the context is cancelled or its
// deadline passes, or when its parent's is; context.Background(), TODO()
// and WithoutCancel(...) have none (Done returns nil). So a receive on
// ctx.Done() ends only if some origin of ctx can fire:
//
//   - context.Background(), context.TODO(), context.WithoutCancel(x):
//     never;
//   - context.WithValue(parent, ...): as parent;
//   - context.WithCancel(parent), WithCancelCause(parent): when parent
//     fires or the cancel function is called. The model knows it is never
//     called only when it is dropped (no use of the function value at all)
//     or stored only into unexported fields of this package's types whose
//     every read is in code that never runs (mayRun: a function nothing in
//     a program reaches) or that runs only after the very wait in question
//     has returned (gated); any other use (called, deferred, passed,
//     returned, captured) may call it;
//   - context.WithTimeout, WithDeadline and their Cause forms: may fire
//     (the deadline);
//   - a load of an unexported field of a type of this package, or of an
//     unexported package-level variable: as every value the package stores
//     into it (at least one store; what another package or reflection could
//     store cannot reach an unexported name);
//   - the result of a function of the package: as every value it returns
//     there;
//   - the parameter of a function whose every call is known (callersKnown:
//     unexported, or any function of package main; never used as a value,
//     never a method an interface call could reach): as the argument of
//     every call site (at least one);
//   - a closure's free variable: as the value bound at every closure made
//     of the function; a variable captured by reference: as every store
//     into it;
//   - a phi: as every incoming value;
//   - anything else (a parameter of an exported function, an interface
//     call's result, a field another package can set): may fire.
//
// The model claims "never" only when every origin is traced to a context
// that never fires; a cycle (a phi of a loop, a field stored from itself)
// adds no origin and cannot on its own make the claim. Two uses: a plain
// receive on such a Done blocks forever (checkCtxNeverFires), and a select
// case on it can never be chosen (neverReady), so a select with other cases
// cannot leave by it.

// ctxKind is the kind of one step of a context's origin.
type ctxKind uint8

const (
	ctxRoot       ctxKind = iota // Background, TODO or WithoutCancel: no Done channel
	ctxWithCancel                // WithCancel(parent) whose cancel is never called
	ctxWithValue                 // WithValue(parent, ...)
	ctxField                     // a field or package variable only ever set to parent
	ctxResult                    // the result of a function returning parent
	ctxParam                     // a parameter every caller sets to parent
)

// ctxSource is a context that never fires, with the step it comes from.
type ctxSource struct {
	kind ctxKind
	// name: the function called (context.Background, context.WithCancel,
	// the helper), or the field or variable (by class).
	name string
	// cancelKept: for ctxWithCancel, the fields the cancel function is
	// stored in (empty: it is dropped).
	cancelKept []string
	// cancelWhy: why a cancel function kept in those fields is never called.
	cancelWhy cancelFate
	parent    *ctxSource
	// pos is the call that makes this context (context.Background(), the
	// WithCancel, the helper's call), when it is one.
	pos token.Pos
}

// ctxIndex is what the package does with fields, variables and functions,
// collected once per pass for ctxNeverFires.
type ctxIndex struct {
	fieldStores  map[*types.Var][]ssa.Value
	fieldRead    map[*types.Var][]ssa.Instruction // the uses of the field's address other than stores into it
	globalStores map[*ssa.Global][]ssa.Value
	escaped      map[*ssa.Function]bool           // used as a value: callers unknown
	escapedObj   map[types.Object]bool            // methods whose wrapper (method value or expression) is used as a value
	invokes      map[string][]ssa.CallInstruction // interface calls, by method name
	ifaceMethods map[types.Object]bool            // methods of values converted to interfaces
	closures     map[*ssa.Function][]*ssa.MakeClosure
	program      bool                                    // package main: nothing outside it calls its functions
	live         map[*ssa.Function]bool                  // in a program, the functions that may run (see mayRun)
	callees      map[*ssa.Function][]*ssa.Function       // direct callees, by caller
	sites        map[*ssa.Function][]ssa.CallInstruction // direct calls, by callee
}

func (ps *passState) ctxIndex() *ctxIndex {
	if ps.ctxIdx != nil {
		return ps.ctxIdx
	}
	ix := &ctxIndex{
		fieldStores:  make(map[*types.Var][]ssa.Value),
		fieldRead:    make(map[*types.Var][]ssa.Instruction),
		globalStores: make(map[*ssa.Global][]ssa.Value),
		escaped:      make(map[*ssa.Function]bool),
		escapedObj:   make(map[types.Object]bool),
		invokes:      make(map[string][]ssa.CallInstruction),
		ifaceMethods: make(map[types.Object]bool),
		closures:     make(map[*ssa.Function][]*ssa.MakeClosure),
		callees:      make(map[*ssa.Function][]*ssa.Function),
		sites:        make(map[*ssa.Function][]ssa.CallInstruction),
	}
	ps.ctxIdx = ix
	ix.program = ps.pass.Pkg.Name() == "main"
	var ops []*ssa.Value
	for _, fn := range ps.packageFuncs() {
		if instanceWrapper(fn) != nil {
			continue // its call of the generic body stands for the calls of it (below)
		}
		live := liveBlocks(fn) // constconds.go
		for _, b := range fn.Blocks {
			if !live[b] {
				continue // code no path runs: what it reads, calls or stores happens nowhere
			}
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.FieldAddr:
					f := fieldVar(x)
					if f == nil {
						break
					}
					refs := x.Referrers()
					if refs == nil {
						break
					}
					for _, r := range *refs {
						if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(x) {
							ix.fieldStores[f] = append(ix.fieldStores[f], st.Val)
						} else if _, dbg := r.(*ssa.DebugRef); !dbg {
							ix.fieldRead[f] = append(ix.fieldRead[f], r)
						}
					}
				case *ssa.Field:
					if st, ok := x.X.Type().Underlying().(*types.Struct); ok {
						f := st.Field(x.Field).Origin()
						ix.fieldRead[f] = append(ix.fieldRead[f], x)
					}
				case *ssa.MakeInterface:
					// Any method of the converted value may be called
					// through the interface, here or in another package.
					ms := types.NewMethodSet(x.X.Type())
					for i := range ms.Len() {
						ix.ifaceMethods[ms.At(i).Obj()] = true
					}
				case *ssa.Store:
					if g, ok := x.Addr.(*ssa.Global); ok {
						ix.globalStores[g] = append(ix.globalStores[g], x.Val)
					}
				case *ssa.MakeClosure:
					if f, ok := x.Fn.(*ssa.Function); ok {
						ix.closures[f] = append(ix.closures[f], x)
						if !onlyCalled(x) {
							ix.escaped[f] = true
						}
						if f.Synthetic != "" && f.Object() != nil {
							ix.escapedObj[f.Object()] = true // a method value: calls the method
						}
					}
				}
				var callee ssa.Value
				if c, ok := instr.(ssa.CallInstruction); ok {
					cc := c.Common()
					if cc.IsInvoke() {
						ix.invokes[cc.Method.Name()] = append(ix.invokes[cc.Method.Name()], c)
					} else if f := cc.StaticCallee(); f != nil {
						if o := instanceWrapper(f); o != nil {
							f = o // the generic body runs with these arguments
						}
						ix.sites[f] = append(ix.sites[f], c)
						ix.callees[fn] = append(ix.callees[fn], f)
						// Generic code may call any method of its type
						// arguments through their constraint.
						for _, t := range f.TypeArgs() {
							for _, t := range []types.Type{t, types.NewPointer(t)} {
								ms := types.NewMethodSet(t)
								for i := range ms.Len() {
									ix.ifaceMethods[ms.At(i).Obj()] = true
								}
							}
						}
						callee = cc.Value
					}
				}
				if _, ok := instr.(*ssa.MakeClosure); ok {
					continue // its Fn is handled above, its bindings are values
				}
				ops = instr.Operands(ops[:0])
				for _, o := range ops {
					if f, ok := (*o).(*ssa.Function); ok && *o != callee {
						ix.escaped[f] = true
						if o := instanceWrapper(f); o != nil {
							ix.escaped[o] = true
						}
						if f.Synthetic != "" && f.Object() != nil {
							ix.escapedObj[f.Object()] = true // a method expression
						}
					}
				}
			}
		}
	}
	return ix
}

// instanceWrapper returns the generic function an instance of it, built
// as a wrapper (SSA without instantiated bodies), calls with its own
// parameters, or nil.
func instanceWrapper(fn *ssa.Function) *ssa.Function {
	o := fn.Origin()
	if o == nil || fn.Synthetic == "" || len(o.Params) != len(fn.Params) {
		return nil
	}
	return o
}

// onlyCalled reports whether the closure v is only ever called (directly or
// by a go or defer statement).
func onlyCalled(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		c, ok := r.(ssa.CallInstruction)
		if !ok || c.Common().IsInvoke() || c.Common().Value != v {
			if _, dbg := r.(*ssa.DebugRef); !dbg {
				return false
			}
		}
	}
	return true
}

// fieldVar is the field (its generic origin) that a FieldAddr addresses.
func fieldVar(x *ssa.FieldAddr) *types.Var {
	st, ok := deref(x.X.Type()).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	return st.Field(x.Field).Origin()
}

// ctxWalk is one query of ctxNeverFires: the values and functions on the
// path being traced (a revisit is a cycle, which adds no origin).
type ctxWalk struct {
	ps    *passState
	ix    *ctxIndex
	wait  ssa.Instruction // the receive waited on, if any
	seen  map[any]bool
	depth int
}

const maxCtxDepth = 8

// ctxNeverFires returns the origin of the context v when the model knows
// its Done channel never fires, and nil otherwise.
//
// wait, when not nil, is the receive on v.Done(): a cancel function called
// only after it returns cannot end it.
func (ps *passState) ctxNeverFires(v ssa.Value, wait ssa.Instruction) *ctxSource {
	w := &ctxWalk{ps: ps, ix: ps.ctxIndex(), wait: wait, seen: make(map[any]bool)}
	src, ok := w.value(v)
	if !ok {
		return nil
	}
	return src
}

// value traces v: ok false when v may fire; ok with a nil source when v
// only closes a cycle already being traced.
func (w *ctxWalk) value(v ssa.Value) (*ctxSource, bool) {
	if w.seen[v] {
		return nil, true
	}
	if w.depth >= maxCtxDepth {
		return nil, false
	}
	w.seen[v] = true
	w.depth++
	defer func() { w.depth--; delete(w.seen, v) }()

	switch x := v.(type) {
	case *ssa.Call:
		return w.call(x)
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok || x.Index != 0 {
			return nil, false
		}
		return w.call(call)
	case *ssa.Phi:
		return w.all(x.Edges, func(e ssa.Value) (*ctxSource, bool) { return w.value(e) })
	case *ssa.ChangeInterface:
		return w.value(x.X)
	case *ssa.UnOp:
		return w.load(x)
	case *ssa.Field:
		st, ok := x.X.Type().Underlying().(*types.Struct)
		if !ok {
			return nil, false
		}
		return w.field(st.Field(x.Field).Origin(), x.X.Type())
	case *ssa.FreeVar:
		return w.freeVar(x)
	case *ssa.Parameter:
		return w.param(x)
	}
	return nil, false
}

// all traces every value of vs: ok when each is ok; the source is the
// first one found, in order.
func (w *ctxWalk) all(vs []ssa.Value, trace func(ssa.Value) (*ctxSource, bool)) (*ctxSource, bool) {
	var first *ctxSource
	for _, e := range vs {
		src, ok := trace(e)
		if !ok {
			return nil, false
		}
		if first == nil {
			first = src
		}
	}
	return first, true
}

// call traces a context a call returns (for WithCancel, its first result),
// noting the call as where it is made.
func (w *ctxWalk) call(c *ssa.Call) (*ctxSource, bool) {
	src, ok := w.callSource(c)
	if src != nil && !src.pos.IsValid() {
		src.pos = c.Pos()
	}
	return src, ok
}

func (w *ctxWalk) callSource(c *ssa.Call) (*ctxSource, bool) {
	fn := c.Call.StaticCallee()
	if fn == nil {
		return nil, false
	}
	if fn.Pkg != nil && fn.Pkg.Pkg.Path() == "context" && fn.Signature.Recv() == nil {
		args := c.Call.Args
		switch fn.Name() {
		case "Background", "TODO", "WithoutCancel":
			return &ctxSource{kind: ctxRoot, name: "context." + fn.Name()}, true
		case "WithValue":
			return w.wrap(ctxWithValue, "context.WithValue", args[0])
		case "WithCancel", "WithCancelCause":
			kept, why, ok := w.cancelNeverCalled(c)
			if !ok {
				return nil, false
			}
			src, ok := w.wrap(ctxWithCancel, "context."+fn.Name(), args[0])
			if src != nil {
				src.cancelKept, src.cancelWhy = kept, why
			}
			return src, ok
		}
		return nil, false // WithTimeout, WithDeadline...: the deadline fires
	}
	if !w.ps.graph.Contains(fn) || fn.Signature.Results().Len() == 0 {
		return nil, false
	}
	if w.seen[fn] {
		return nil, true
	}
	w.seen[fn] = true
	defer delete(w.seen, fn)
	var rets []ssa.Value
	for _, r := range callgraph.Returns(fn) {
		if len(r.Results) > 0 {
			rets = append(rets, r.Results[0])
		}
	}
	if len(rets) == 0 {
		return nil, false
	}
	return w.wrapAll(ctxResult, fn.RelString(w.ps.pass.Pkg), rets)
}

// wrap traces parent and, when it never fires, adds one step of kind over it.
func (w *ctxWalk) wrap(kind ctxKind, name string, parent ssa.Value) (*ctxSource, bool) {
	return w.wrapAll(kind, name, []ssa.Value{parent})
}

func (w *ctxWalk) wrapAll(kind ctxKind, name string, vs []ssa.Value) (*ctxSource, bool) {
	src, ok := w.all(vs, w.value)
	if !ok || src == nil {
		return nil, ok
	}
	return &ctxSource{kind: kind, name: name, parent: src}, true
}

// cancelNeverCalled reports whether the cancel function of the WithCancel
// call c is never called: dropped, or stored only into unexported fields of
// this package that nothing reads. It returns those fields, by class.
func (w *ctxWalk) cancelNeverCalled(c *ssa.Call) (kept []string, why cancelFate, ok bool) {
	refs := c.Referrers()
	if refs == nil {
		return nil, cancelUnused, true
	}
	for _, r := range *refs {
		ex, ok := r.(*ssa.Extract)
		if !ok {
			if _, dbg := r.(*ssa.DebugRef); dbg {
				continue
			}
			return nil, 0, false // the tuple itself is used: unknown
		}
		if ex.Index != 1 || ex.Referrers() == nil {
			continue
		}
		for _, u := range *ex.Referrers() {
			if _, dbg := u.(*ssa.DebugRef); dbg {
				continue
			}
			if call, ok := u.(ssa.CallInstruction); ok && call.Common().Value == ssa.Value(ex) && w.wait != nil && w.joinedFirst(call) {
				why = max(why, cancelAfterJoin) // cancelafterjoin.go
				continue
			}
			st, ok := u.(*ssa.Store)
			if !ok || st.Val != ssa.Value(ex) {
				return nil, 0, false
			}
			fa, ok := st.Addr.(*ssa.FieldAddr)
			if !ok {
				return nil, 0, false
			}
			f := fieldVar(fa)
			if f == nil || !w.ownField(f) {
				return nil, 0, false
			}
			for _, reader := range w.ix.fieldRead[f] {
				switch {
				case !w.ix.mayRun(w.ps, reader.Parent()):
					why = max(why, cancelDeadCode)
				case w.wait != nil && w.ix.gated(w.ps, reader, w.wait, 0):
					why = max(why, cancelAfterWait)
				default:
					return nil, 0, false
				}
			}
			kept = append(kept, fieldClass(fa.X.Type(), f.Name(), Class{}).Text)
		}
	}
	sort.Strings(kept)
	return kept, why, true
}

// cancelFate says why a cancel function is never called; the highest that
// applies to one of its uses.
type cancelFate uint8

const (
	cancelUnused    cancelFate = iota // dropped, or kept in fields nothing reads
	cancelDeadCode                    // read only by code that never runs (mayRun)
	cancelAfterWait                   // read only after the wait on the context returns (gated)
	cancelAfterJoin                   // called only after a Wait for the goroutine that waits (joinedFirst)
)

// gated reports whether instr runs only after the receive wait has
// returned: in wait's function at a point wait dominates, or in a function
// whose every caller is known and each call is gated (or never runs). Then
// a cancel function read there can end no wait on its context: the first
// call would need a wait to have returned first.
func (ix *ctxIndex) gated(ps *passState, instr, wait ssa.Instruction, depth int) bool {
	fn := instr.Parent()
	if fn == wait.Parent() {
		return instrBefore(wait, instr)
	}
	if depth >= maxCtxDepth || !ix.callersKnown(ps, fn) || len(ix.sites[fn]) == 0 {
		return false
	}
	for _, site := range ix.sites[fn] {
		if !ix.gated(ps, site, wait, depth+1) && ix.mayRun(ps, site.Parent()) {
			return false
		}
	}
	return true
}

// callersKnown reports whether every call of fn is a direct call in the
// package (ix.sites): it is not used as a value, no interface call or
// generic code can reach it, and no other package can call it.
func (ix *ctxIndex) callersKnown(ps *passState, fn *ssa.Function) bool {
	if !ix.inSight(ps, fn) {
		return false
	}
	if fn.Parent() == nil && fn.Signature.Recv() != nil && (len(ix.invokes[fn.Name()]) > 0 || ix.ifaceMethods[fn.Object()]) {
		return false // an interface call may reach the method
	}
	return true
}

// inSight reports whether every call of fn other than an interface call is
// a direct call in the package (ix.sites): fn is not used as a value, and
// no other package can name it. A closure is called only where it is made.
func (ix *ctxIndex) inSight(ps *passState, fn *ssa.Function) bool {
	if fn.Synthetic != "" || ix.escaped[fn] || !ps.graph.Contains(fn) {
		return false
	}
	if fn.Parent() != nil {
		return true
	}
	obj := fn.Object()
	return obj != nil && !(obj.Exported() && !ix.program) && !ix.escapedObj[obj] && !ps.namedOffBuild(obj.Name())
}

// ownField reports whether only this package's code in sight can read or
// write the field f (sealed).
func (w *ctxWalk) ownField(f *types.Var) bool {
	return w.ps.sealed(f)
}

// load traces a value loaded from a field, a package variable or a
// variable captured by reference.
func (w *ctxWalk) load(u *ssa.UnOp) (*ctxSource, bool) {
	switch a := u.X.(type) {
	case *ssa.FieldAddr:
		f := fieldVar(a)
		if f == nil {
			return nil, false
		}
		return w.field(f, a.X.Type())
	case *ssa.Global:
		if a.Object() == nil || !w.ps.sealed(a.Object()) {
			return nil, false
		}
		stores := w.ix.globalStores[a]
		if len(stores) == 0 {
			return nil, false
		}
		return w.wrapAll(ctxField, a.Name(), stores)
	case *ssa.FreeVar:
		// A variable captured by reference: the cell each closure is made
		// with, as every store into it.
		return w.freeVarCell(a)
	case *ssa.Alloc:
		return w.cell(a)
	}
	return nil, false
}

// field traces an unexported field of this package by every store into it.
func (w *ctxWalk) field(f *types.Var, typ types.Type) (*ctxSource, bool) {
	if !w.ownField(f) {
		return nil, false
	}
	stores := w.ix.fieldStores[f]
	if len(stores) == 0 {
		return nil, false
	}
	if w.seen[f] {
		return nil, true
	}
	w.seen[f] = true
	defer delete(w.seen, f)
	return w.wrapAll(ctxField, fieldClass(typ, f.Name(), Class{}).Text, stores)
}

// cell traces a local variable's cell (an Alloc) by every store into it;
// any other use than a load, a store into it or a closure binding lets
// something unknown write it.
func (w *ctxWalk) cell(a *ssa.Alloc) (*ctxSource, bool) {
	refs := a.Referrers()
	if refs == nil {
		return nil, false
	}
	var stores []ssa.Value
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != ssa.Value(a) {
				return nil, false
			}
			stores = append(stores, r.Val)
		case *ssa.UnOp, *ssa.DebugRef:
		case *ssa.MakeClosure:
			if !w.readOnlyCapture(r, a) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	if len(stores) == 0 {
		return nil, false
	}
	return w.all(stores, w.value)
}

// readOnlyCapture reports whether the closure mc only loads from the cell a
// it captures.
func (w *ctxWalk) readOnlyCapture(mc *ssa.MakeClosure, a ssa.Value) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	for i, b := range mc.Bindings {
		if b != a || i >= len(fn.FreeVars) {
			continue
		}
		if refs := fn.FreeVars[i].Referrers(); refs != nil {
			for _, r := range *refs {
				switch r := r.(type) {
				case *ssa.UnOp, *ssa.DebugRef:
				case *ssa.MakeClosure:
					if !w.readOnlyCapture(r, fn.FreeVars[i]) {
						return false
					}
				default:
					return false
				}
			}
		}
	}
	return true
}

// freeVar traces a closure's free variable by the value bound at every
// closure made of its function.
func (w *ctxWalk) freeVar(fv *ssa.FreeVar) (*ctxSource, bool) {
	bound, ok := w.bindings(fv)
	if !ok {
		return nil, false
	}
	return w.all(bound, w.value)
}

// freeVarCell traces a variable captured by reference through the cell
// bound at every closure made of the function.
func (w *ctxWalk) freeVarCell(fv *ssa.FreeVar) (*ctxSource, bool) {
	bound, ok := w.bindings(fv)
	if !ok {
		return nil, false
	}
	return w.all(bound, func(b ssa.Value) (*ctxSource, bool) {
		switch b := b.(type) {
		case *ssa.Alloc:
			return w.cell(b)
		case *ssa.FreeVar:
			return w.freeVarCell(b)
		}
		return nil, false
	})
}

// bindings lists the values bound to fv at every closure made of its
// function; none known (the function is not a closure made here) is false.
func (w *ctxWalk) bindings(fv *ssa.FreeVar) ([]ssa.Value, bool) {
	return w.ix.bindings(fv)
}

// bindings lists the values bound to fv at every closure made of its
// function in the package; none known is false.
func (ix *ctxIndex) bindings(fv *ssa.FreeVar) ([]ssa.Value, bool) {
	fn := fv.Parent()
	idx := freeIndex(fn, fv)
	mcs := ix.closures[fn]
	if idx < 0 || len(mcs) == 0 {
		return nil, false
	}
	var out []ssa.Value
	for _, mc := range mcs {
		out = append(out, mc.Bindings[idx])
	}
	return out, true
}

// param traces a parameter of an unexported function of the package that
// is only called directly, by the argument of every call.
func (w *ctxWalk) param(p *ssa.Parameter) (*ctxSource, bool) {
	fn := p.Parent()
	if fn == nil || !w.ix.callersKnown(w.ps, fn) {
		return nil, false
	}
	idx := -1
	for i, q := range fn.Params {
		if q == p {
			idx = i
		}
	}
	calls := w.ix.sites[fn]
	if idx < 0 || len(calls) == 0 {
		return nil, false
	}
	if w.seen[fn] {
		return nil, true
	}
	w.seen[fn] = true
	defer delete(w.seen, fn)
	var args []ssa.Value
	for _, c := range calls {
		// A static call of a method passes the receiver first, as in Params.
		cc := c.Common()
		if cc.IsInvoke() || idx >= len(cc.Args) {
			return nil, false
		}
		args = append(args, cc.Args[idx])
	}
	return w.wrapAll(ctxParam, fn.RelString(w.ps.pass.Pkg), args)
}

// checkCtxNeverFires reports a plain receive (o, c) on done, a context's
// Done(), when the model knows the context never fires (ctxNeverFires).
func (fa *fnAnalysis) checkCtxNeverFires(o *op, done *ssa.Call, c ChanOp) bool {
	if c.Kind != OpRecv || !isContext(done.Call.Value.Type()) {
		return false
	}
	if fa.fn.Name() == "main" && fa.fn.Parent() == nil && fa.ps.pass.Pkg.Name() == "main" {
		// A program's main blocking for good while its goroutines serve
		// is an idiom, as select {} is there.
		return false
	}
	src := fa.ps.ctxNeverFires(done.Call.Value, o.instr)
	if src == nil {
		return false
	}
	fa.ps.reportCtxNeverFires(o.pos(), exprNameAt(fa.fn.Syntax(), o.pos()), src, c)
	return true
}

// mayRun reports whether fn may run. Outside package main anything may: other
// packages call its exported functions. In a program, only main, the
// package initializers and what they reach run: a function runs if it is
// used as a value (called later by anyone), a method of a value converted
// to an interface or of a type argument of generic code (any interface
// call, here or in another package, or a constraint, may reach it; a value
// of a type of package main reaches an interface only by a conversion
// there), or a direct callee of a function that runs. What nothing reaches
// never runs.
func (ix *ctxIndex) mayRun(ps *passState, fn *ssa.Function) bool {
	if !ix.program {
		return true
	}
	if ix.live == nil {
		ix.live = make(map[*ssa.Function]bool)
		var work []*ssa.Function
		mark := func(f *ssa.Function) {
			if !ix.live[f] {
				ix.live[f] = true
				work = append(work, f)
			}
		}
		for _, f := range ps.graph.Funcs() {
			root := f.Parent() == nil && (f.Name() == "main" || f.Name() == "init" || strings.HasPrefix(f.Name(), "init#")) ||
				f.Synthetic != "" || ix.escaped[f] ||
				f.Object() != nil && ix.escapedObj[f.Object()] ||
				f.Object() != nil && ix.ifaceMethods[f.Object()]
			if root {
				mark(f)
			}
		}
		// The package initializer, which runs before main: the initial
		// values of package-level variables (var w = NewW()) are computed
		// there. It is no function of the call graph, so its calls are
		// read from its body.
		for _, f := range ps.packageFuncs() {
			if !ps.graph.Contains(f) {
				mark(f)
			}
		}
		for len(work) > 0 {
			f := work[len(work)-1]
			work = work[:len(work)-1]
			for _, g := range ix.callees[f] {
				mark(g)
			}
			if !ps.graph.Contains(f) {
				for _, b := range f.Blocks {
					for _, instr := range b.Instrs {
						if c, ok := instr.(ssa.CallInstruction); ok {
							if g := c.Common().StaticCallee(); g != nil {
								mark(g)
							}
						}
						if mc, ok := instr.(*ssa.MakeClosure); ok {
							mark(mc.Fn.(*ssa.Function))
						}
					}
				}
			}
			for _, anon := range f.AnonFuncs {
				mark(anon) // made (and maybe run) by f: no finer claim
			}
		}
	}
	return ix.live[fn] || !ps.graph.Contains(fn)
}

// neverReady reports whether a select case is a receive on the Done channel
// of a context that never fires (ctxNeverFires): the case can never be
// chosen, and the select is the same without it. (Which case the select
// leaves by decides nothing here: a cancel function called after it
// returns may fire the context at the next select, so no wait is given.)
func (fa *fnAnalysis) neverReady(state *ssa.SelectState) bool {
	if state.Dir != types.RecvOnly {
		return false
	}
	done, ok := state.Chan.(*ssa.Call)
	if !ok || !done.Call.IsInvoke() || done.Call.Method.Name() != "Done" || !isContext(done.Call.Value.Type()) {
		return false
	}
	return fa.ps.ctxNeverFires(done.Call.Value, nil) != nil
}

// deadCaseEdges returns the edges into the bodies of select cases that
// are never ready (neverReady): the test of the select's index against
// the case's that leads there is never true. A loop left only by such a
// case (`case <-ctx.Done(): return` on a context nothing cancels) runs
// until its own condition ends it.
func (fa *fnAnalysis) deadCaseEdges() map[[2]*ssa.BasicBlock]bool {
	var out map[[2]*ssa.BasicBlock]bool
	skips := make(map[*ssa.Select][]bool) // liveCases, once per select
	for _, b := range fa.fn.Blocks {
		ifi, ok := lastInstr(b).(*ssa.If)
		if !ok {
			continue
		}
		sel, i, ok := selectIndexTest(ifi.Cond) // certain.go
		if !ok || i < 0 || i >= len(sel.States) {
			continue
		}
		skip, seen := skips[sel]
		if !seen {
			if n, s := fa.liveCases(sel); n < len(sel.States) {
				skip = s
			}
			skips[sel] = skip
		}
		if skip == nil || !skip[i] {
			continue
		}
		if out == nil {
			out = make(map[[2]*ssa.BasicBlock]bool)
		}
		out[[2]*ssa.BasicBlock{b, b.Succs[0]}] = true
	}
	return out
}

// liveCases counts the cases of sel that may be chosen, and marks the
// others. A select all of whose cases are never ready is left as it is.
func (fa *fnAnalysis) liveCases(sel *ssa.Select) (int, []bool) {
	skip := make([]bool, len(sel.States))
	n := len(sel.States)
	for i, state := range sel.States {
		if fa.neverReady(state) {
			skip[i] = true
			n--
		}
	}
	if n == 0 {
		return len(sel.States), make([]bool, len(sel.States))
	}
	return n, skip
}
