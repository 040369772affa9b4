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
	ex, ok := boundOutside(done.Call.Value, bound).(*ssa.Extract)
	if !ok || ex.Index != 0 || ex.Parent() != gi.Parent() {
		return false
	}
	mk, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return false
	}
	fn := mk.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "context" || fn.Name() != "WithCancel" && fn.Name() != "WithCancelCause" {
		return false
	}
	if ps.ctxNeverFires(mk.Call.Args[0], nil) == nil {
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
