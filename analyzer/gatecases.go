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
	return gateMadeBy(ch, bound, gi, then, func(v ssa.Value, g *ssa.Go, then ssa.Instruction) bool {
		return fedOnlyAfter(v, g, then, nil)
	}) || ps.fieldGate(ch, gi, then)
}

// firstSelect returns the select the goroutine's body begins with: its
// first action, or the first after quiet calls in the same block, or
// calls that only get the channel of one of its cases (the ctx.Done() of a
// case, evaluated before the select); nil if none.
func (ps *passState) firstSelect(body *ssa.Function) *ssa.Select {
	x := firstWait(body)
	for {
		switch c := x.(type) {
		case *ssa.Select:
			return c
		case *ssa.Call:
			if !ps.quietCall(c) && !onlySelected(c) {
				return nil
			}
			x = actionAfter(c)
		default:
			return nil
		}
	}
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
	ok = fieldFlagWrites(ps.packageFuncs(), func(x *ssa.FieldAddr) bool {
		f, own := ps.ownStructField(x.X.Type(), x.Field)
		return own && f == obj
	}, func(at ssa.Instruction) bool {
		opens++
		return at.Parent() == gi.Parent() && !instrReaches(at, then)
	})
	return ok && opens > 0
}

// fieldFlagWrites calls write with each write of anything but false
// (flagUse) through the field addresses of fns that match picks; false
// when write does, or when such an address is used otherwise than to read
// or write the flag.
func fieldFlagWrites(fns []*ssa.Function, match func(*ssa.FieldAddr) bool, write func(at ssa.Instruction) bool) bool {
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				x, ok := instr.(*ssa.FieldAddr)
				if !ok || !match(x) {
					continue
				}
				for _, r := range *x.Referrers() {
					isWrite, val, ok := flagUse(r, x)
					if !ok || isWrite && !isConstBool(false)(val) && !write(r) {
						return false
					}
				}
			}
		}
	}
	return true
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
	first := firstWait(body)
	if c, ok := first.(*ssa.Call); ok { // <-s.Ready(): the getter's call, then the receive
		first = receiveOf(c)
	}
	recv, ok := first.(*ssa.UnOp)
	return ok && recv.Op == token.ARROW && ps.fieldGate(recv.X, gi, then)
}

// receiveOf returns the receive from the result of the call c that is
// the next action in c's block (actionAfter); nil if none.
func receiveOf(c *ssa.Call) ssa.Instruction {
	if recv, ok := actionAfter(c).(*ssa.UnOp); ok && recv.Op == token.ARROW && chanOperand(recv.X) == c {
		return recv
	}
	return nil
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
// by closing it (a chanHome), whose every close runs only after then
// (runsOnlyAfter); at least one. ch may also be the result of a getter of
// the field (getterResult).
func (ps *passState) fieldGate(ch ssa.Value, gi *ssa.Go, then ssa.Instruction) bool {
	if c, ok := chanOperand(ch).(*ssa.Call); ok { // a getter of the field
		f := c.Call.StaticCallee()
		if f == nil {
			return false
		}
		if ch, ok = getterResult(f); !ok {
			return false
		}
	}
	load, ok := chanOperand(ch).(*ssa.UnOp)
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
			instr := closeInstrAt(cl)
			if instr == nil || !ps.runsOnlyAfter(instr, gi, then, 3) {
				return false
			}
		}
		return true
	}
	return false
}

// runsOnlyAfter reports whether the instruction at runs only after then, in
// the function of the go statement gi: it is there, not followed by then
// (or deferred), or every way its function is run is (depth levels up): the
// static calls of an unexported function nothing uses as a value, or the
// call or once.Do of a closure made once (c.once.Do(func() { close(c.ready)
// }) in a markReady the starter calls after then).
func (ps *passState) runsOnlyAfter(at ssa.Instruction, gi *ssa.Go, then ssa.Instruction, depth int) bool {
	fn := at.Parent()
	if fn == gi.Parent() {
		_, deferred := at.(*ssa.Defer)
		return deferred || !instrReaches(at, then)
	}
	if depth == 0 {
		return false
	}
	entries, ok := ps.entriesOf(fn)
	if !ok || len(entries) == 0 {
		return false
	}
	for _, e := range entries {
		if !ps.runsOnlyAfter(e, gi, then, depth-1) {
			return false
		}
	}
	return true
}

// entriesOf returns the calls that run fn: for a closure, the calls in
// the function that makes it of the closure or of a Once's Do given it;
// for an unexported function of the package, its static calls. Not ok
// when fn is used any other way (kept, passed on, exported).
func (ps *passState) entriesOf(fn *ssa.Function) ([]ssa.Instruction, bool) {
	var in []*ssa.Function
	switch {
	case fn.Parent() != nil:
		in = []*ssa.Function{fn.Parent()}
	case fn.Object() != nil && !fn.Object().Exported():
		in = ps.packageFuncs()
	default:
		return nil, false
	}
	var entries []ssa.Instruction
	var use func(v ssa.Value, instr ssa.Instruction) bool
	use = func(v ssa.Value, instr ssa.Instruction) bool {
		switch x := instr.(type) {
		case *ssa.DebugRef:
			return true
		case *ssa.Call:
			if x.Call.Value == v || onceDoCall(x.Common()) && x.Call.Args[1] == v && x.Call.Args[0] != v {
				entries = append(entries, x)
				return true
			}
		case *ssa.MakeClosure:
			if x.Fn == v {
				for _, r := range *x.Referrers() {
					if !use(x, r) {
						return false
					}
				}
				return true
			}
		}
		return false
	}
	for _, f := range in {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				for _, op := range instr.Operands(nil) {
					if *op == ssa.Value(fn) && !use(fn, instr) {
						return nil, false
					}
				}
			}
		}
	}
	return entries, true
}

// getterResult returns what the getter fn returns, when it does nothing
// but return a load of a field of its receiver (its first parameter),
// maybe as a receive-only channel: func (s *S) Ready() <-chan struct{} {
// return s.ready }.
func getterResult(fn *ssa.Function) (ssa.Value, bool) {
	if len(fn.Params) == 0 || len(fn.Blocks) != 1 || fn.Signature.Results().Len() != 1 {
		return nil, false
	}
	ret, ok := fn.Blocks[0].Instrs[len(fn.Blocks[0].Instrs)-1].(*ssa.Return)
	if !ok {
		return nil, false
	}
	load, ok := chanOperand(ret.Results[0]).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	if fa, ok := load.X.(*ssa.FieldAddr); !ok || fa.X != fn.Params[0] {
		return nil, false
	}
	return load, true
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
