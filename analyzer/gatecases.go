package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Gates waited on in a select, and gates kept in fields.
//
// gatedAfter orders a goroutine after its starter's call when the
// goroutine begins with a plain receive from a channel the starter made
// and feeds only after the call. Two more spellings of the same gate:
//
//	go func() {
//		select {
//		case <-ready: // the gate
//		case <-ctx.Done():
//			return // leaves without doing anything
//		}
//		s.cacheThenStore()
//	}()
//	s.storeThenCache()
//	close(ready)
//
// A blocking select whose every case but one leaves the goroutine quietly
// (to a return, taking no two locks on the way) lets its work start only
// through that one case: the case's receive is the gate.
//
//	go func() { <-s.ready; s.cacheThenStore() }()
//	s.storeThenCache()
//	close(s.ready)
//
// A channel in an unexported field of one of the package's types, which
// the package never sends on nor lets out under another name (a chanHome,
// see neverfed.go), is opened only by its closes; when each of them is in
// the starter, after the call (or deferred), the goroutine's work starts
// after the call has returned.

// selectGatedAfter reports whether the goroutine that the go statement g
// starts begins with a select as above whose gate its starter opens only
// after then: a channel it made (fedOnlyAfter) or a field (fieldGate).
func (ps *passState) selectGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	sel := ps.firstSelect(body)
	if sel == nil || !ps.quietDefers(body, sel.Block()) {
		return false
	}
	ch, ok := ps.gateCase(sel)
	if !ok {
		return false
	}
	return gateMadeBy(ch, bound, gi, then, fedOnlyAfter) || ps.fieldGate(ch, gi, then)
}

// firstSelect returns the select the goroutine's body begins with: its
// first action, or the first after quiet calls in the same block, or
// calls that only get the channel of one of its cases (the ctx.Done() of a
// case, evaluated before the select); nil if none.
func (ps *passState) firstSelect(body *ssa.Function) *ssa.Select {
	first := firstWait(body)
	if first == nil {
		return nil
	}
	if sel, ok := first.(*ssa.Select); ok {
		return sel
	}
	seen := false
	for _, instr := range first.Block().Instrs {
		seen = seen || instr == first
		if !seen {
			continue
		}
		switch instr := instr.(type) {
		case *ssa.Select:
			return instr
		case *ssa.Call:
			if !ps.quietCall(instr) && !onlySelected(instr) {
				return nil
			}
		case *ssa.Go, *ssa.Defer, *ssa.Send, *ssa.Store, *ssa.MapUpdate, *ssa.Panic, *ssa.Return, *ssa.If, *ssa.Jump:
			return nil
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				return nil
			}
		}
	}
	return nil
}

// onlySelected reports whether the result of the call c is used only as
// the channel of a select's receive case: a getter of what the select
// waits on, whatever callee it reaches.
func onlySelected(c *ssa.Call) bool {
	refs := c.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	for _, r := range *refs {
		sel, ok := r.(*ssa.Select)
		if !ok {
			return false
		}
		for _, st := range sel.States {
			if st.Send == c || st.Chan == c && st.Dir != types.RecvOnly {
				return false
			}
		}
	}
	return true
}

// flagFieldGatedAfter reports whether the goroutine that g starts begins
// (after taking locks only) with a Cond loop or an atomic spin on a flag
// in an unexported field of one of the package's types (condgates.go,
// where a flag of the starter's frame is the rule), whose every write of
// anything but false in the package is the starter's, where then is not
// reached after it; at least one. The field's every use is a read or a
// write (flagUse): its address handed anywhere else, and any other
// function may set it.
func (ps *passState) flagFieldGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, _ := goBinding(gi)
	l, ok := firstCondLoop(body)
	if !ok {
		return false
	}
	fa, ok := l.cell.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	obj, ok := ps.ownStructField(fa.X.Type(), fa.Field)
	if !ok {
		return false
	}
	opens := 0
	for _, fn := range ps.packageFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				x, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if f, ok := ps.ownStructField(x.X.Type(), x.Field); !ok || f != obj {
					continue
				}
				for _, r := range *x.Referrers() {
					write, val, ok := flagUse(r, x)
					switch {
					case !ok:
						return false
					case !write || isConstBool(false)(val):
					case fn != gi.Parent() || instrReaches(r, then):
						return false
					default:
						opens++
					}
				}
			}
		}
	}
	return opens > 0
}

// fieldGatedAfter reports whether the goroutine that the go statement g
// starts begins by receiving from a channel field its starter opens only
// after then (fieldGate).
func (ps *passState) fieldGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, _ := goBinding(gi)
	recv, ok := firstWait(body).(*ssa.UnOp)
	return ok && recv.Op == token.ARROW && ps.fieldGate(recv.X, gi, then)
}

// gateCase returns the channel of the one receive case of the blocking
// select sel that does not leave the goroutine quietly (leavesQuietly).
func (ps *passState) gateCase(sel *ssa.Select) (ssa.Value, bool) {
	if !sel.Blocking {
		return nil, false
	}
	gate := -1
	for i, st := range sel.States {
		iff := caseBranch(sel, i)
		if iff == nil {
			return nil, false
		}
		if ps.leavesQuietly(iff.Block().Succs[0], sel.Block()) {
			continue
		}
		if st.Dir != types.RecvOnly || gate >= 0 {
			return nil, false
		}
		gate = i
	}
	if gate < 0 {
		return nil, false
	}
	return sel.States[gate].Chan, true
}

// leavesQuietly reports whether every path from block b returns (or
// panics) without coming back to stop, starting a goroutine, deferring,
// sending, selecting, or calling anything that may take two locks.
func (ps *passState) leavesQuietly(b, stop *ssa.BasicBlock) bool {
	return everyBlockFrom(b, stop, func(x *ssa.BasicBlock) bool {
		for _, instr := range x.Instrs {
			switch instr := instr.(type) {
			case *ssa.Go, *ssa.Defer, *ssa.Send, *ssa.Select:
				return false
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					return false
				}
			case *ssa.Call:
				if !ps.quietCall(instr) {
					return false
				}
			}
		}
		return true
	})
}

// everyBlockFrom reports whether ok holds of every block reachable from
// b (b included) and none of them is stop (nil: no stop).
func everyBlockFrom(b, stop *ssa.BasicBlock, ok func(*ssa.BasicBlock) bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == stop {
			return false
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		if !ok(x) {
			return false
		}
		work = append(work, x.Succs...)
	}
	return true
}

// quietDefers reports whether every call the goroutine's body defers
// before block b is quiet (quietCall): on a quiet way out they run, and
// must not take two locks either.
func (ps *passState) quietDefers(body *ssa.Function, b *ssa.BasicBlock) bool {
	for _, x := range body.Blocks {
		if !x.Dominates(b) {
			continue
		}
		for _, instr := range x.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && !ps.quietCall(d) {
				return false
			}
		}
	}
	return true
}

// quietCall reports whether the call c takes at most one lock and starts
// no goroutine, by the summaries of all its callees: it orders no two
// locks. A builtin is quiet; a call without a known callee is not.
func (ps *passState) quietCall(c ssa.CallInstruction) bool {
	if _, ok := c.Common().Value.(*ssa.Builtin); ok {
		return true
	}
	site := ps.graph.Site(c)
	if site == nil || len(site.Callees) == 0 {
		return false
	}
	for _, callee := range site.Callees {
		sum := ps.summary(callee)
		if sum == nil || len(sum.Acquires) > 1 || len(sum.Overflow) > 0 || len(sum.Spawns) > 0 {
			return false
		}
	}
	return true
}

// fieldGate reports whether ch, a load of a channel field in a goroutine
// gi starts, is a channel only this package can name and never feeds but
// by closing it (a chanHome), whose every close is in gi's function where
// then is not reached after it, or deferred there; at least one.
func (ps *passState) fieldGate(ch ssa.Value, gi *ssa.Go, then ssa.Instruction) bool {
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	obj, ok := ps.ownChanField(fa.X.Type(), fa.Field)
	if !ok {
		return false
	}
	for _, h := range ps.chanHomes() {
		if h.obj != obj {
			continue
		}
		if len(h.closes) == 0 {
			return false
		}
		for _, cl := range h.closes {
			if cl.fn != gi.Parent() {
				return false
			}
			instr := closeInstrAt(cl)
			if instr == nil {
				return false
			}
			if _, deferred := instr.(*ssa.Defer); !deferred && instrReaches(instr, then) {
				return false
			}
		}
		return true
	}
	return false
}

// closeInstrAt finds the call of close at the site cl.
func closeInstrAt(cl chanSite) ssa.CallInstruction {
	for _, b := range cl.fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok || c.Pos() != cl.pos {
				continue
			}
			if bi, ok := c.Common().Value.(*ssa.Builtin); ok && bi.Name() == "close" {
				return c
			}
		}
	}
	return nil
}
