package analyzer

import (
	"go/token"
	"go/types"
	"iter"

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
	if mk := ps.cancelMade(boundOutside(done.Call.Value, bound), gi.Parent(), nil); mk != nil {
		return ps.cancelCalledOnlyAfter(mk, then)
	}
	return ps.ctxFieldGatedAfter(gi, done, then)
}

// ctxFieldGatedAfter is ctxGatedAfter for a context kept in a field of the
// package's own (s.ctx, s.cancel = context.WithCancel(...); go s.loop()):
// the goroutine begins by receiving from the field's Done, every write of
// that field in the package is the starter's, before its go statement, of
// a context.WithCancel over a parent that never fires, and the cancel
// function is called only by the starter where then is not reached after
// (kept in a field too, it is called so at every load of that field).
func (ps *passState) ctxFieldGatedAfter(gi *ssa.Go, done *ssa.Call, then ssa.Instruction) bool {
	load, ok := done.Call.Value.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	fx, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	field, ok := ps.ownStructField(fx.X.Type(), fx.Field)
	if !ok {
		return false
	}
	var makes []*ssa.Call
	ok = ps.fieldUses(field, nil, func(st *ssa.Store) bool {
		mk := ps.cancelMade(st.Val, st.Parent(), nil)
		if mk == nil || st.Parent() != gi.Parent() || !instrBefore(st, gi) {
			return false
		}
		makes = append(makes, mk)
		return true
	})
	if !ok || len(makes) == 0 {
		return false
	}
	for _, mk := range makes {
		if !ps.cancelCalledOnlyAfter(mk, then) {
			return false
		}
	}
	return true
}

// cancelCalledOnlyAfter reports whether the cancel function of the
// context.WithCancel call mk is called, or deferred, only in mk's function
// where then is not reached after, directly or through an unexported field
// of the package's own that keeps nothing else: the context's Done closes
// after then.
func (ps *passState) cancelCalledOnlyAfter(mk *ssa.Call, then ssa.Instruction) bool {
	calledAfter := func(v ssa.Value, u ssa.Instruction) bool {
		switch u := u.(type) {
		case *ssa.DebugRef:
			return true
		case *ssa.Defer:
			return u.Call.Value == v && u.Parent() == then.Parent()
		case *ssa.Call:
			return u.Call.Value == v && u.Parent() == then.Parent() && !instrReaches(u, then)
		}
		return false
	}
	for _, r := range *mk.Referrers() {
		e, ok := r.(*ssa.Extract)
		if !ok || e.Index != 1 {
			continue
		}
		for _, u := range *e.Referrers() {
			if calledAfter(e, u) {
				continue
			}
			st, ok := u.(*ssa.Store)
			if !ok || st.Val != ssa.Value(e) {
				return false // passed or captured: it may be called anywhere
			}
			fx, ok := st.Addr.(*ssa.FieldAddr)
			if !ok {
				return false
			}
			field, ok := ps.ownStructField(fx.X.Type(), fx.Field)
			if !ok || !ps.fieldUses(field, func(load *ssa.UnOp) bool {
				for _, c := range *load.Referrers() {
					if !calledAfter(load, c) {
						return false
					}
				}
				return true
			}, func(other *ssa.Store) bool { return other.Val == ssa.Value(e) }) {
				return false
			}
		}
	}
	return true
}

// fieldUses visits every use of the field in the package's functions: its
// loads (read; nil accepts every load) and stores (write); false when one
// of them says so, or when the field's address goes anywhere else.
func (ps *passState) fieldUses(field *types.Var, read func(*ssa.UnOp) bool, write func(*ssa.Store) bool) bool {
	for x := range ps.fieldAddrs(field) {
		for _, r := range *x.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if r.Op != token.MUL || read != nil && !read(r) {
					return false
				}
			case *ssa.Store:
				if r.Addr != ssa.Value(x) || !write(r) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// fieldAddrs yields the addresses of field, an unexported field of the
// package's own, that the package's functions take.
func (ps *passState) fieldAddrs(field *types.Var) iter.Seq[*ssa.FieldAddr] {
	return func(yield func(*ssa.FieldAddr) bool) {
		for _, fn := range ps.packageFuncs() {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					x, ok := instr.(*ssa.FieldAddr)
					if !ok {
						continue
					}
					if f, own := ps.ownStructField(x.X.Type(), x.Field); own && f == field && !yield(x) {
						return
					}
				}
			}
		}
	}
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
