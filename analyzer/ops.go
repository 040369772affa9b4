package analyzer

import (
	"go/token"
	"go/types"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// An op is one wait operation, or one instruction that steers the lock
// dataflow, found in a function's SSA. Ops are extracted once per function and
// consumed by every phase after it.
type op struct {
	kind     OpKind
	res      ResKind
	instr    ssa.Instruction
	recv     ssa.Value       // the resource: the receiver of a sync method, a channel
	site     *callgraph.Site // for calls, go, defer, Once.Do and spawners
	deferred *op             // for OpDefer: what runs at RunDefers
	// released, for an OpUnlock or OpRUnlock a range-over-func body defers
	// onto the enclosing function's stack, is the lock in that function's
	// terms (see rangefunc.go): it has no receiver of its own there.
	released *Ref
}

func (o *op) pos() token.Pos {
	if o.site != nil {
		return o.site.Instr.Pos()
	}
	return o.instr.Pos()
}

// extractOps lists each block's ops in instruction order.
func extractOps(fn *ssa.Function, g *callgraph.Graph) map[*ssa.BasicBlock][]*op {
	out := make(map[*ssa.BasicBlock][]*op, len(fn.Blocks))
	for _, b := range fn.Blocks {
		var ops []*op
		for _, instr := range b.Instrs {
			if o := classify(instr, g); o != nil {
				ops = append(ops, o)
			}
		}
		out[b] = ops
	}
	return out
}

func classify(instr ssa.Instruction, g *callgraph.Graph) *op {
	switch in := instr.(type) {
	case *ssa.Call:
		return classifyCall(in, g.Site(in))
	case *ssa.Defer:
		site := g.Site(in)
		inner := classifyCall(in, site)
		if inner == nil {
			return nil
		}
		return &op{kind: OpDefer, instr: in, site: site, deferred: inner}
	case *ssa.Go:
		return &op{kind: OpGo, instr: in, site: g.Site(in)}
	case *ssa.RunDefers:
		return &op{kind: OpRunDefers, instr: in}
	case *ssa.Return:
		return &op{kind: OpReturn, instr: in}
	case *ssa.Panic:
		return &op{kind: OpPanic, instr: in}
	case *ssa.Send:
		return &op{kind: OpSend, res: ResChan, instr: in, recv: in.Chan}
	case *ssa.UnOp:
		if in.Op == token.ARROW {
			return &op{kind: OpRecv, res: ResChan, instr: in, recv: in.X}
		}
	case *ssa.Select:
		return &op{kind: OpSelect, res: ResChan, instr: in}
	case *ssa.MakeChan:
		return &op{kind: OpMakeChan, res: ResChan, instr: in, recv: in}
	case *ssa.Store:
		if repoints(in) || storesFunc(in) {
			return &op{kind: OpStore, instr: in, recv: in.Addr}
		}
	}
	return nil
}

// repoints reports whether a store puts a pointer to a lock, or to a
// struct holding one inline, or an interface value, into a field or a
// package variable: a lock reached through that field names another object
// afterwards. So does a store into a local variable whose address is taken
// (go/ssa keeps it in an Alloc: `pc := &cur; *pc = cur.next`, or a struct
// handle assigned whole, `h = b`, whose pointer fields lead to a lock): a
// lock named through the variable is another object's afterwards.
func repoints(st *ssa.Store) bool {
	switch st.Addr.(type) {
	case *ssa.FieldAddr, *ssa.Global:
	case *ssa.Alloc:
		if !storedAgain(st.Addr.(*ssa.Alloc)) {
			return false // its one store defines it: it names one value throughout
		}
		if _, isStruct := st.Val.Type().Underlying().(*types.Struct); isStruct {
			return pointsToLock(st.Val.Type(), 2)
		}
	default:
		return false
	}
	return pointsToLock(st.Val.Type(), 0)
}

// storedAgain reports whether the local variable a is stored more than
// once: assigned after its definition.
func storedAgain(a *ssa.Alloc) bool {
	n := 0
	for _, r := range *a.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(a) {
			n++
		}
	}
	return n > 1
}

// pointsToLock reports whether a value of type t leads to a lock: an
// interface value, a pointer to a lock or to a struct holding one inline,
// or (to depth) a struct with such a field.
func pointsToLock(t types.Type, depth int) bool {
	switch t := t.Underlying().(type) {
	case *types.Interface:
		return true
	case *types.Pointer:
		return holdsLock(t.Elem(), 3)
	case *types.Struct:
		if depth == 0 {
			return false
		}
		for i := range t.NumFields() {
			if pointsToLock(t.Field(i).Type(), depth-1) {
				return true
			}
		}
	}
	return false
}

// storesFunc reports whether a store puts a closure or a bound method
// value (s.mu.Unlock taken as a function) where code other than the
// function's own may call it: a field, a package variable, or an element
// of an array or slice (append(hooks, mu.Unlock) stores it in one).
func storesFunc(st *ssa.Store) bool {
	switch st.Addr.(type) {
	case *ssa.FieldAddr, *ssa.Global, *ssa.IndexAddr:
	default:
		return false
	}
	_, ok := closureStored(st.Val)
	return ok
}

// closureStored sees through the conversions of a closure to a named func
// type and of that to an interface (UnlockFunc(mu.Unlock) sent as a
// Releaser, whose Release method runs it).
func closureStored(v ssa.Value) (*ssa.MakeClosure, bool) {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		}
		mc, ok := v.(*ssa.MakeClosure)
		return mc, ok
	}
}

// holdsLock reports whether a value of type t is, or holds inline (within
// depth levels of struct fields), a sync.Mutex or sync.RWMutex.
func holdsLock(t types.Type, depth int) bool {
	if syncValue(t, "Mutex", "RWMutex") {
		return true
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || depth == 0 {
		return false
	}
	for i := range st.NumFields() {
		if holdsLock(st.Field(i).Type(), depth-1) {
			return true
		}
	}
	return false
}

// classifyCall maps a call (or the call inside a defer) to its op: a sync API
// operation on its receiver, a spawn, a call that never returns, or a plain call.
func classifyCall(instr ssa.CallInstruction, site *callgraph.Site) *op {
	c := instr.Common()
	if b, ok := c.Value.(*ssa.Builtin); ok {
		if b.Name() == "close" && len(c.Args) == 1 {
			return &op{kind: OpClose, res: ResChan, instr: instr, recv: c.Args[0]}
		}
		return nil
	}
	name, _ := calleeName(c)
	if syncAPI[name].op == OpWGGo {
		return &op{kind: OpWGGo, res: ResWaitGroup, instr: instr, site: site, recv: c.Args[0]}
	}
	if spawners[name] {
		return &op{kind: OpSpawn, instr: instr, site: site}
	}
	if e, ok := syncAPI[name]; ok {
		o := &op{kind: e.op, res: e.res, instr: instr, site: site}
		switch {
		case c.IsInvoke():
			o.recv = c.Value
		case len(c.Args) > 0 && e.res != ResUnknown && e.op != OpNewCond:
			o.recv = c.Args[0]
		}
		return o
	}
	if site == nil {
		return nil
	}
	return &op{kind: OpCall, instr: instr, site: site}
}
