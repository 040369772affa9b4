package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Stop functions as joins.
//
// A starter often hands its caller the way to end what it started:
//
//	func (s *Store) startRefresher() (stop func()) {
//		quit, done := make(chan struct{}), make(chan struct{})
//		go func() { defer close(done); ... }()
//		return func() { close(quit); <-done }
//	}
//
//	stop := s.startRefresher()
//	stop() // the goroutine has returned
//
// The returned closure receives, on every path, from a channel only the
// goroutine closes, in a deferred call (or Waits on a WaitGroup of the
// starter's frame that only the goroutine's deferred Done counts down):
// once the call of that closure returns, so has the goroutine, and
// whatever it locked is over. The rule
// asks for the closure of one call (the SSA value the call returned, not
// any closure of the same function: a second start's stop joins the
// second goroutine only), for a starter with one go statement outside
// any loop, and for a channel nothing else sends on or closes.

// stopJoined reports whether s, after the call g whose callee starts a
// goroutine and returns its stop function, calls that function before
// then on every path.
func (ps *passState) stopJoined(s *ssa.Function, g, then ssa.Instruction) bool {
	call, ok := g.(*ssa.Call)
	if !ok || inLoop(call.Block()) {
		return false
	}
	callee := call.Call.StaticCallee()
	if callee == nil {
		return false
	}
	k, ok := returnsJoin(callee)
	if !ok {
		return false
	}
	stop := resultValue(call, k)
	if stop == nil {
		return false
	}
	for _, r := range *stop.Referrers() {
		c, ok := r.(*ssa.Call)
		if ok && c.Call.Value == stop && c != then && instrBefore(call, c) && instrBefore(c, then) {
			return true
		}
	}
	return false
}

// resultValue returns the value of result k of call: the call itself
// when its callee has one result, or the Extract of k.
func resultValue(call *ssa.Call, k int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		return call
	}
	return extractOf(call, k)
}

// returnsJoin reports which result of fn is, on every return, a closure
// that joins the one goroutine fn starts (see above).
func returnsJoin(fn *ssa.Function) (int, bool) {
	var gi *ssa.Go
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok {
				if gi != nil {
					return 0, false
				}
				gi = g
			}
		}
	}
	if gi == nil || inLoop(gi.Block()) {
		return 0, false
	}
	body, bound := goBinding(gi)
	if body == nil {
		return 0, false
	}
	rets := callgraph.Returns(fn)
	if len(rets) == 0 {
		return 0, false
	}
	for k := range fn.Signature.Results().Len() {
		var joins []*ssa.MakeClosure
		for _, r := range rets {
			mc, ok := r.Results[k].(*ssa.MakeClosure)
			if !ok || !instrBefore(gi, mc) {
				break
			}
			joins = append(joins, mc)
		}
		if len(joins) == len(rets) && allJoin(joins, gi, body, bound) {
			return k, true
		}
	}
	return 0, false
}

// allJoin reports whether every closure of joins receives, on every
// path, from a channel whose only close is a deferred one of the
// goroutine body (bound: its free variables' values) and on which nothing
// sends.
func allJoin(joins []*ssa.MakeClosure, gi *ssa.Go, body *ssa.Function, bound map[ssa.Value]ssa.Value) bool {
	// the goroutine's closure and the stop functions are the only closures
	// that may hold the channel or WaitGroup
	known := func(mc *ssa.MakeClosure) bool { return gi.Call.Value == mc || slices.Contains(joins, mc) }
	for _, mc := range joins {
		fn, ok := mc.Fn.(*ssa.Function)
		if !ok || !joinsOn(fn, mc, body, bound, known) {
			return false
		}
	}
	return true
}

// joinsOn reports whether fn, made by mc, receives on every path from a
// channel that the goroutine body only closes, in a deferred call, and
// that nothing else but these receives uses.
func joinsOn(fn *ssa.Function, mc *ssa.MakeClosure, body *ssa.Function, bound map[ssa.Value]ssa.Value, known func(*ssa.MakeClosure) bool) bool {
	for i, fv := range fn.FreeVars {
		if i >= len(mc.Bindings) {
			break
		}
		if wgJoins(fv, mc.Bindings[i], body, bound, known) {
			return true
		}
		if !onlyClosures(mc.Bindings[i], known) {
			continue
		}
		if uses, ok := chanUses(fv); ok && onlyReceived(uses) && closedOnlyDeferred(body, bound, mc.Bindings[i]) {
			return true
		}
	}
	return false
}

// wgJoins reports whether the stop function's free variable fv is a
// WaitGroup of the starter's frame (b) that it Waits on, on every path,
// and that the goroutine body counts down once, in a deferred call: the
// starter uses it for nothing but Adds before the go statement and the
// two closures. (return func() { cancel(); wg.Wait() })
func wgJoins(fv *ssa.FreeVar, b ssa.Value, body *ssa.Function, bound map[ssa.Value]ssa.Value, known func(*ssa.MakeClosure) bool) bool {
	a, ok := b.(*ssa.Alloc)
	if !ok || !isWaitGroup(a.Type()) {
		return false
	}
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if !known(r) {
				return false
			}
		case *ssa.Call:
			if !wgMethod(r.Common(), "Add") || r.Common().Args[0] != a {
				return false
			}
		default:
			return false
		}
	}
	waits := false
	for _, r := range *fv.Referrers() {
		c, ok := r.(*ssa.Call)
		if !ok || !wgMethod(c.Common(), "Wait") || c.Common().Args[0] != fv {
			return false
		}
		waits = waits || beforeEveryReturn(c)
	}
	if !waits {
		return false
	}
	for bv, x := range bound {
		if x != a {
			continue
		}
		dones := 0
		for _, r := range *bv.Referrers() {
			d, ok := r.(*ssa.Defer)
			if !ok || !wgMethod(d.Common(), "Done") || d.Common().Args[0] != bv {
				return false
			}
			dones++
		}
		return dones == 1
	}
	return false
}

// onlyClosures reports whether v is a channel made here, or a captured
// variable stored once with one, used otherwise only as a binding of
// closures (the goroutine's and the stop function's).
func onlyClosures(v ssa.Value, known func(*ssa.MakeClosure) bool) bool {
	if a, ok := v.(*ssa.Alloc); ok {
		st, ok := cellOnce(a)
		if !ok {
			return false
		}
		ch, ok := st.Val.(*ssa.MakeChan)
		return ok && len(*ch.Referrers()) == 1 && boundOnly(a, known)
	}
	_, ok := v.(*ssa.MakeChan)
	return ok && boundOnly(v, known)
}

// boundOnly reports whether v is used only by closures known accepts, by
// stores into it (a cell's one store, checked by its caller) and by debug
// references.
func boundOnly(v ssa.Value, known func(*ssa.MakeClosure) bool) bool {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != v {
				return false
			}
		case *ssa.MakeClosure:
			if !known(r) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// chanUses returns the instructions that use the channel a closure's free
// variable holds: the variable's own uses, or, when it is a captured
// variable (a cell), the uses of its loads; not ok when it is used
// otherwise (another closure).
func chanUses(fv *ssa.FreeVar) ([]ssa.Instruction, bool) {
	_, cell := fv.Type().Underlying().(*types.Pointer)
	return objectUses(fv, cell, func(*ssa.MakeClosure) bool { return false })
}

// onlyReceived reports whether uses are plain receives alone, one of
// which runs on every path to its function's returns.
func onlyReceived(uses []ssa.Instruction) bool {
	return !slices.ContainsFunc(uses, func(r ssa.Instruction) bool { return !plainRecv(r) }) &&
		slices.ContainsFunc(uses, beforeEveryReturn)
}

// plainRecv reports whether r is a receive that is not a select case.
func plainRecv(r ssa.Instruction) bool {
	u, ok := r.(*ssa.UnOp)
	return ok && u.Op == token.ARROW
}

// closedOnlyDeferred reports whether the goroutine body's free variable
// bound to ch is used by one deferred close and by receives alone.
func closedOnlyDeferred(body *ssa.Function, bound map[ssa.Value]ssa.Value, ch ssa.Value) bool {
	for _, fv := range body.FreeVars {
		if bound[fv] != ch {
			continue
		}
		uses, ok := chanUses(fv)
		if !ok {
			return false
		}
		closes := 0
		for _, r := range uses {
			if d, ok := r.(*ssa.Defer); ok {
				if b, ok := d.Call.Value.(*ssa.Builtin); !ok || b.Name() != "close" {
					return false
				}
				closes++
			} else if !plainRecv(r) {
				return false
			}
		}
		return closes == 1
	}
	return false
}
