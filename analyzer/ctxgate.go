package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// ctxGatedAfter reports whether the goroutine that g starts begins by
// receiving from ctx.Done(), where ctx is a context.WithCancel the
// starter made over a parent that never fires (ctxNeverFires), and the
// starter calls its cancel function only where then is not reached after
// (or defers it): the Done channel closes only by that cancel, so the
// goroutine's work starts after then has returned. A parent that may be
// cancelled by someone else (a parameter of an exported function, a
// deadline) opens the gate at any time and is no gate.
func (ps *passState) ctxGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	done, ok := firstWait(body).(*ssa.Call)
	if !ok || !doneThenReceive(done) {
		return false
	}
	mk := ps.cancelMade(boundOutside(done.Call.Value, bound), gi.Parent(), nil)
	if mk == nil {
		return false
	}
	for _, r := range *mk.Referrers() {
		e, ok := r.(*ssa.Extract)
		if !ok || e.Index != 1 {
			continue
		}
		for _, u := range *e.Referrers() {
			switch u := u.(type) {
			case *ssa.DebugRef, *ssa.Defer:
				if d, ok := u.(*ssa.Defer); ok && d.Call.Value != ssa.Value(e) {
					return false
				}
			case *ssa.Call:
				if u.Call.Value != ssa.Value(e) || instrReaches(u, then) {
					return false
				}
			default:
				return false // kept, passed or captured: it may be called anywhere
			}
		}
	}
	return true
}

// doneThenReceive reports whether c is an interface call of Done on a
// context.Context whose result is only received from, at once.
func doneThenReceive(c *ssa.Call) bool {
	if !c.Call.IsInvoke() || c.Call.Method.Name() != "Done" || !isContext(c.Call.Value.Type()) {
		return false
	}
	refs := *c.Referrers()
	if len(refs) != 1 {
		return false
	}
	u, ok := refs[0].(*ssa.UnOp)
	return ok && u.Op == token.ARROW && u.Block() == c.Block()
}

// ctxJoined reports whether s, after starting the goroutine at g, waits
// (a plain receive from ctx.Done(), before then on every path) on a
// context.WithCancel it made over a parent that never fires, whose cancel
// function only that goroutine calls, as its last signal (no lock taken
// after the call: lastIn), or s defers: the Done channel closes when the
// goroutine's locking is over.
//
//	ctx, cancel := context.WithCancel(context.Background())
//	go func() { work(); cancel() }()
//	<-ctx.Done()
func (ps *passState) ctxJoined(s *ssa.Function, g, then ssa.Instruction, nestingOnly bool) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body := goBody(gi)
	if body == nil {
		return false
	}
	for _, b := range s.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || !instrBefore(g, recv) || !instrBefore(recv, then) {
				continue
			}
			done, ok := recv.X.(*ssa.Call)
			if !ok || !doneThenReceive(done) {
				continue
			}
			mk := ps.cancelMade(stableLoad(done.Call.Value), s, nil)
			if mk == nil {
				continue
			}
			var calls []ssa.Instruction
			for _, r := range *mk.Referrers() {
				if e, ok := r.(*ssa.Extract); ok && e.Index == 1 && cancelUses(e, s, body, func(c ssa.Instruction) bool {
					calls = append(calls, c)
					return true
				}) && len(calls) > 0 && ps.lastIn(body, deferredRuns(calls), nestingOnly) {
					return true
				}
			}
		}
	}
	return false
}

// cancelMade returns the context.WithCancel call of fn that v is the
// context of, when its parent never fires (ctxNeverFires; wait, when set,
// is the wait on its Done channel).
func (ps *passState) cancelMade(v ssa.Value, fn *ssa.Function, wait ssa.Instruction) *ssa.Call {
	ex, ok := v.(*ssa.Extract)
	if !ok || ex.Index != 0 || ex.Parent() != fn {
		return nil
	}
	mk, ok := ex.Tuple.(*ssa.Call)
	if !ok || len(mk.Call.Args) == 0 {
		return nil
	}
	f := mk.Call.StaticCallee()
	if f == nil || f.Pkg == nil || f.Pkg.Pkg.Path() != "context" || f.Name() != "WithCancel" && f.Name() != "WithCancelCause" {
		return nil
	}
	if ps.ctxNeverFires(mk.Call.Args[0], wait) == nil {
		return nil
	}
	return mk
}
