package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Parameters handed on.
//
// ParamPublishes answers ownership's question (could another goroutine
// reach the object?) and says yes wherever the function's sight ends. A
// lock that may have moved to another goroutine needs the opposite: a
// witness that the function hands the object on. paramsHandedOn finds the
// pointer-like parameters (pointers, unsafe.Pointers, interfaces) it
// certainly hands on — sent on a channel, alone or inside a value built
// around it (a job struct, a local variable), given to a go statement,
// stored in memory it was given or in a package variable (appended to a
// queue's slice, put in a map of pending requests), or passed on to a
// callee that does so — and nothing else. A lock held by a caller and
// reachable from such an argument may be released by whoever takes it
// from there (a transaction queued for a committer, a request completed by
// the response handler).

// paramsHandedOn lists the parameters the function hands on, as above.
func (fa *fnAnalysis) paramsHandedOn() []int {
	var out []int
	for i, p := range fa.fn.Params {
		if !pointerLike(p.Type()) {
			continue
		}
		w := &handWalk{fa: fa, seen: make(map[ssa.Value]bool), holders: make(holders)}
		if w.value(p) {
			out = append(out, i)
		}
	}
	return out
}

// pointerLike: a pointer, an unsafe.Pointer, a uintptr (an address kept
// as an integer, see intaddr.go), or an interface (which may hold the
// caller's pointer).
func pointerLike(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return true
	}
	return isUnsafePointer(t) || isUintptr(t)
}

// handWalk follows a parameter's value through the copies that keep it
// (conversions, locals and fields of local structs it is stored in, loads
// from them, append) to a hand-off.
type handWalk struct {
	fa      *fnAnalysis
	seen    map[ssa.Value]bool
	holders holders // see escape.holders
}

func (w *handWalk) value(v ssa.Value) bool {
	if w.seen[v] {
		return false
	}
	w.seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if w.use(v, r) {
			return true
		}
	}
	return false
}

func (w *handWalk) use(v ssa.Value, r ssa.Instruction) bool {
	switch r := r.(type) {
	case *ssa.Send:
		return r.X == v
	case *ssa.Select:
		return slices.ContainsFunc(r.States, func(st *ssa.SelectState) bool { return st.Send == v })
	case *ssa.Go:
		return slices.Contains(r.Call.Args, v) || r.Call.IsInvoke() && r.Call.Value == v
	case *ssa.Call:
		if b, ok := r.Call.Value.(*ssa.Builtin); ok {
			// (append(q.items, x): the new slice holds it)
			return b.Name() == "append" && w.value(r)
		}
		return w.call(v, r)
	case ssa.CallInstruction:
		return w.call(v, r)
	case *ssa.Store:
		if r.Val != v {
			return false
		}
		switch a := r.Addr.(type) {
		case *ssa.Alloc:
			w.holders[holder{a, -1}] = true
			return w.value(a)
		case *ssa.FieldAddr:
			if _, ok := a.X.(*ssa.Alloc); ok {
				w.holders[holder{a.X, a.Field}] = true
				return w.value(a.X)
			}
		case *ssa.IndexAddr:
			if _, ok := a.X.(*ssa.Alloc); ok { // (an array: append's arguments)
				w.holders[holder{a.X, -1}] = true
				return w.value(a.X)
			}
		}
		return sharedMemory(r.Addr)
	case *ssa.MapUpdate:
		return r.Value == v && sharedMemory(r.Map)
	case *ssa.FieldAddr:
		return w.holders[holder{r.X, r.Field}] && w.value(r)
	case *ssa.Slice:
		return w.holders.holds(v) && w.value(r)
	case *ssa.UnOp:
		return r.Op == token.MUL && w.holders.holds(v) && w.value(r)
	case *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.ChangeType, *ssa.Phi:
		return w.value(r.(ssa.Value))
	}
	return false
}

// sharedMemory reports whether the address (or map) v lies in memory the
// function was given or a package variable: a field or element reached from
// a parameter, a captured variable or a global, through loads on the way
// (q.items, s.pending[id]), or made from an integer (intaddr.go). A value stored there is where the function's
// callers, and the goroutines they share that memory with, find it.
func sharedMemory(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
			return true
		default:
			return fromInteger(v) // (memory the model cannot follow: intaddr.go)
		}
	}
}

// call: a callee every candidate of which hands the argument over.
func (w *handWalk) call(v ssa.Value, ci ssa.CallInstruction) bool {
	site := w.fa.ps.graph.Site(ci)
	if site == nil || len(site.Callees) == 0 {
		return false
	}
	args := site.Args()
	for _, callee := range site.Callees {
		sum := w.fa.ps.summary(callee)
		if sum == nil {
			return false
		}
		sends := false
		for i, a := range args {
			if a == v && slices.Contains(sum.ParamHandedOn, i) {
				sends = true
			}
		}
		if !sends {
			return false
		}
	}
	return true
}
