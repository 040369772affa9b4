package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// close() as what ends a wait. A receive from a channel nothing sends on
// ends only when the channel is closed; the closer is then the receive's
// only partner, and a wait for it can close a cycle like a send would:
//
//   - held across: the receiver holds a lock while it waits, and the only
//     goroutine that closes takes that lock before it closes (its close is
//     made under the lock, or deferred, so it runs after everything the
//     goroutine does); the closer must be a goroutine started by the
//     channel's owner (or a run loop, for a field), never the owner itself,
//     whose acquisitions may all come before the receiver starts;
//   - its own deferred close: a function waits for a close it deferred
//     itself, which runs only once it returns.
//
// Each needs no sender anywhere: a send would end the wait too.

// closeAfterLock reports whether every close in closes certainly comes
// after the goroutine took lock l: made while l is held, or deferred by
// the goroutine's own function (depth is the length of the chain to that
// function's own operations), which runs when it returns.
func closeAfterLock(closes []ChanOp, l Ref, depth int) bool {
	for _, c := range closes {
		held := slices.ContainsFunc(c.Held, func(h Ref) bool { return h.Class.known() && h.Class.Key == l.Class.Key })
		if !held && !(c.Deferred && len(c.Chain) == depth) {
			return false
		}
	}
	return len(closes) > 0
}

// ownDepth is the length of the chain to a participant's own operations:
// the owner's are one hop long, a goroutine's one hop past its go statement.
func (p participant) ownDepth() int {
	if p.spawn == nil {
		return 1
	}
	return len(p.spawn.Chain) + 1
}

// closers returns the participants that close u's channel; not ok when
// one of them sends on it (a send may end a wait as well).
func (u *chanUse) closers() ([]participant, bool) {
	k := u.ref.key()
	var out []participant
	for _, p := range u.all() {
		if len(opsOn(p.ops, k, OpSend)) > 0 {
			return nil, false
		}
		if len(opsOn(p.ops, k, OpClose)) > 0 {
			out = append(out, p)
		}
	}
	return out, true
}

// closesUnder reports whether p, a goroutine, takes lock l and closes
// channel k only after taking it (closeAfterLock). The owner's own
// acquisitions may come before it starts the receiver, where they wait
// for no one: it never qualifies.
func (fa *fnAnalysis) closesUnder(p participant, k string, l Ref) bool {
	return p.spawn != nil && hasLock(fa.locksOf(p), l) && closeAfterLock(opsOn(p.ops, k, OpClose), l, p.ownDepth())
}

// checkHeldAcrossClose is checkHeldAcross for a channel nothing sends on:
// a receive under a lock whose only closer, a goroutine, takes the lock
// first, or whose only closer is the owner's own deferred close, which
// waits (see ownerWaitsForLock) for a goroutine that takes the lock first:
// a cycle of three.
func (fa *fnAnalysis) checkHeldAcrossClose(u *chanUse, owned map[string]*chanUse) {
	closers, ok := u.closers()
	if !ok || len(closers) != 1 {
		return
	}
	c := closers[0]
	k := u.ref.key()
	closes := opsOn(c.ops, k, OpClose)
	ps := fa.ps
	for _, a := range u.all() {
		if len(opsOn(a.ops, k, OpClose)) > 0 {
			continue // the closer itself
		}
		for _, op := range a.ops {
			if op.Kind != OpRecv || op.Alt || op.NonBlocking || op.Deferred {
				continue
			}
			for _, l := range op.Held {
				name, ls := u.ref.show(ps.pkgPath), l.show(ps.pkgPath)
				if c.spawn == nil {
					wait, inner, ok := fa.ownerWaitsForLock(closes, l, owned)
					if !ok {
						continue
					}
					ps.reportHeldAcrossOwnerClose(name, ls, op, closes[0].Chain, wait, inner)
					ps.withCycle(cycleStep{fn: lastFunc(op.Chain)}, cycleStep{ref: u.ref, owner: fa.fn, kind: "chan"},
						cycleStep{fn: lastFunc(closes[0].Chain)}, cycleStep{ref: wait.Ref, owner: fa.fn, kind: "chan"},
						cycleStep{fn: lastFunc(inner)}, cycleStep{ref: l, owner: fa.fn, kind: "mutex"})
					return
				}
				if !fa.closesUnder(c, k, l) {
					continue
				}
				ps.reportHeldAcrossClose(name, ls, op, closes[0].Chain)
				ps.withCycle(cycleStep{fn: lastFunc(op.Chain)}, cycleStep{ref: u.ref, owner: fa.fn, kind: "chan"},
					cycleStep{fn: lastFunc(closes[0].Chain)}, cycleStep{ref: l, owner: fa.fn, kind: "mutex"})
				return
			}
		}
	}
}

// ownerWaitsForLock reports whether the owner's closes (all deferred by
// the owner itself, so run only once it returns) come after a wait of the
// owner's for a goroutine that takes lock l: a receive of its own, on
// every path that returns and with no other case, from a channel of this
// function that nothing sends on and only one goroutine closes, after
// taking l. It returns that receive and the goroutine's close.
func (fa *fnAnalysis) ownerWaitsForLock(closes []ChanOp, l Ref, owned map[string]*chanUse) (ChanOp, Chain, bool) {
	for _, c := range closes {
		if !c.Deferred || len(c.Chain) != 1 {
			return ChanOp{}, nil, false
		}
	}
	for _, w := range fa.sum.Chans {
		if w.Kind != OpRecv || len(w.Chain) != 1 || !w.Always || w.Alt || w.NonBlocking || w.Deferred || w.Loop {
			continue
		}
		v := owned[w.Ref.key()]
		if v == nil {
			continue
		}
		closers, ok := v.closers()
		if ok && len(closers) == 1 && fa.closesUnder(closers[0], v.ref.key(), l) {
			return w, opsOn(closers[0].ops, v.ref.key(), OpClose)[0].Chain, true
		}
	}
	return ChanOp{}, nil, false
}

// checkOwnDeferredClose reports a function waiting for the close of a
// channel it made, when its own deferred close is the only one and nothing
// sends: the deferred call runs only after the function returns.
func (fa *fnAnalysis) checkOwnDeferredClose(u *chanUse) {
	closers, ok := u.closers()
	if !ok || len(closers) != 1 || closers[0].spawn != nil {
		return
	}
	k := u.ref.key()
	closes := opsOn(u.self.ops, k, OpClose)
	for _, c := range closes {
		if !c.Deferred || len(c.Chain) != 1 {
			return
		}
	}
	for _, op := range u.self.ops {
		if op.Kind == OpRecv && !op.Alt && !op.NonBlocking && !op.Deferred && op.Ref.key() == k {
			fa.ps.reportOwnDeferredClose(u.ref.show(fa.ps.pkgPath), op, closes[0].Chain)
			return
		}
	}
}

// checkFieldHeldAcrossClose is checkHeldAcrossClose for channels kept in
// an unexported field (or package-level variable) that the package never
// sends on nor lets out (see chanHomes): a receive under lock l, when
// every function that closes the channel is a goroutine's own function,
// started only by go statements of this package and not callable from
// other packages, that takes l before it closes.
func (ps *passState) checkFieldHeldAcrossClose() {
	reported := make(map[token.Pos]bool)
	for _, f := range ps.findings {
		reported[f.pos] = true
	}
	starts := make(map[*ssa.Function]int) // go statements starting the function; -1: also called otherwise
	for _, fn := range ps.graph.Funcs() {
		for _, site := range ps.graph.Sites(fn) {
			for _, c := range site.Callees {
				switch {
				case site.Kind == callgraph.Go && starts[c] >= 0:
					starts[c]++
				default:
					starts[c] = -1
				}
			}
			for _, c := range site.FuncArgs[1] {
				starts[c] = -1 // handed to a spawner or a callee: not only a go statement's
			}
		}
	}
	for _, h := range ps.chanHomes() {
		if len(h.closes) == 0 {
			continue
		}
		var closers []*ssa.Function
		for _, c := range h.closes {
			if !slices.Contains(closers, c.fn) {
				closers = append(closers, c.fn)
			}
		}
		ok := true
		for _, fn := range closers {
			ok = ok && starts[fn] > 0 && !callableOutside(fn)
		}
		if !ok {
			continue
		}
		for _, fn := range ps.graph.Funcs() {
			sum := ps.sums[fn]
			if sum == nil {
				continue
			}
			for _, op := range sum.Chans {
				if op.Kind != OpRecv || op.Alt || op.NonBlocking || op.Deferred || len(op.Chain) != 1 || !ps.homeOf(h, op) {
					continue
				}
				pos := ps.posOf(op.Chain)
				if reported[pos] {
					continue
				}
				for _, l := range op.Held {
					witness := ps.closersTake(closers, h, l)
					if witness == nil {
						continue
					}
					reported[pos] = true
					ls := l.show(ps.pkgPath)
					ps.reportHeldAcrossClose(h.name, ls, op, witness)
					ps.withCycle(cycleStep{fn: lastFunc(op.Chain)}, cycleStep{ref: op.Ref, owner: fn, kind: "chan"},
						cycleStep{fn: lastFunc(witness)}, cycleStep{ref: l, owner: fn, kind: "mutex"})
					break
				}
			}
		}
	}
}

// homeOf reports whether the operation op is one of h's receives.
func (ps *passState) homeOf(h *chanHome, op ChanOp) bool {
	pos := ps.posOf(op.Chain)
	return slices.ContainsFunc(h.recvs, func(r chanSite) bool { return r.pos == pos })
}

// closersTake returns the chain of a close of h if every function of
// closers takes lock l unconditionally and closes h only after it (see
// closeAfterLock); nil otherwise.
func (ps *passState) closersTake(closers []*ssa.Function, h *chanHome, l Ref) Chain {
	var witness Chain
	for _, fn := range closers {
		sum := ps.sums[fn]
		if sum == nil {
			return nil
		}
		// A lock taken only after the close (in a call deferred before a
		// deferred close) does not stand in the close's way.
		calls, deferred := ps.opInstrs(fn, sum, func(c ChanOp) bool {
			return c.Kind == OpClose && slices.ContainsFunc(h.closes, func(s chanSite) bool { return s.fn == fn && s.pos == ps.posOf(c.Chain) })
		})
		if !slices.ContainsFunc(sum.Acquires, func(a Acquire) bool {
			return len(a.Guards) == 0 && !a.Maybe && a.Ref.Class.known() && a.Ref.Class.Key == l.Class.Key &&
				!ps.acquiredAfterDone(fn, a, calls, deferred)
		}) {
			return nil
		}
		var closes []ChanOp
		for _, c := range sum.Chans {
			if c.Kind == OpClose && len(c.Chain) == 1 && slices.ContainsFunc(h.closes, func(s chanSite) bool { return s.fn == fn && s.pos == ps.posOf(c.Chain) }) {
				closes = append(closes, c)
			}
		}
		n := 0
		for _, s := range h.closes {
			if s.fn == fn {
				n++
			}
		}
		if len(closes) != n || !closeAfterLock(closes, l, 1) {
			return nil
		}
		if witness == nil {
			witness = closes[0].Chain
		}
	}
	return witness
}

// callableOutside reports whether another package may call fn: an
// exported function or method (a method of an unexported type may still
// satisfy an interface another package calls).
func callableOutside(fn *ssa.Function) bool {
	if fn.Parent() != nil {
		return false // a closure: called where it is made or handed
	}
	if fn.Signature.Recv() != nil {
		return exportedName(fn.Name())
	}
	return exportedName(fn.Name())
}

// checkFieldOwnDeferredClose is checkOwnDeferredClose for a channel kept
// in an unexported field (or package-level variable) that the package
// never sends on nor lets out (see chanHomes): when one function closes it,
// only by its own deferred close, and a receive from the same channel is
// reached from that function while it runs (its own, or a callee's, such as
// a callback that ends up in the object's Close), after the close is
// deferred on every path to it, that receive waits for a close that comes
// only after the function returns. (Before the defer, or on a path without
// it, the receive may wait for another call's close: a second Close waiting
// for the first.) The same channel: the
// receive names the closer's by the same path, or by a detour that leads
// back to the closer's object (pathReturns); a channel of the same field
// on another object is not enough.
func (ps *passState) checkFieldOwnDeferredClose() {
	for _, h := range ps.chanHomes() {
		if len(h.closes) == 0 {
			continue
		}
		d := h.closes[0].fn
		sum := ps.sums[d]
		if sum == nil || slices.ContainsFunc(h.closes, func(c chanSite) bool { return c.fn != d }) {
			continue
		}
		var closes []ChanOp
		at := make(map[token.Pos]bool)
		for _, c := range sum.Chans {
			if c.Kind == OpClose && len(c.Chain) == 1 && slices.ContainsFunc(h.closes, func(s chanSite) bool { return s.pos == ps.posOf(c.Chain) }) {
				closes = append(closes, c)
				at[ps.posOf(c.Chain)] = true
			}
		}
		if len(at) != len(h.closes) || slices.ContainsFunc(closes, func(c ChanOp) bool { return !c.Deferred }) {
			continue
		}
		for _, op := range sum.Chans {
			if op.Kind == OpRecv && !op.Alt && !op.NonBlocking && !op.Deferred && ps.homeOf(h, op) && ps.sameChannel(d, closes[0].Ref, op.Ref) &&
				ps.deferredBefore(d, closes, op) {
				ps.reportOwnDeferredClose(h.name, op, closes[0].Chain)
				break
			}
		}
	}
}

// sameChannel reports whether the Refs c and r of fn's summary name one
// channel: equal, or r reaching c's object by a detour that leads back to
// it.
func (ps *passState) sameChannel(fn *ssa.Function, c, r Ref) bool {
	if c.Base != r.Base || c.Index != r.Index || c.Name != r.Name || len(r.Path) < len(c.Path) ||
		!slices.Equal(c.Path, r.Path[len(r.Path)-len(c.Path):]) {
		return false
	}
	detour := r.Path[:len(r.Path)-len(c.Path)]
	if len(detour) == 0 {
		return c.Base == BaseParam || c.Base == BaseGlobal
	}
	return c.Base == BaseParam && c.Index < len(fn.Params) && ps.pathReturns(fn.Params[c.Index].Type(), detour)
}

// deferredBefore reports whether one of fn's deferred closes (its own
// operations) is deferred before op runs, on every path to it: the defer
// statement's block dominates the block of op's call in fn, or comes
// earlier in the same block. (A deferred operation's own block is where the
// function returns, so the defer statement is found by its position.)
func (ps *passState) deferredBefore(fn *ssa.Function, closes []ChanOp, op ChanOp) bool {
	at, ok := ps.tokenPos(op.Chain[0].Pos)
	if !ok || op.block == nil || op.block.Parent() != fn {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok || !slices.ContainsFunc(closes, func(c ChanOp) bool { return ps.posOf(c.Chain) == d.Pos() }) {
				continue
			}
			if b == op.block && d.Pos() < at || b != op.block && b.Dominates(op.block) {
				return true
			}
		}
	}
	return false
}

// checkRecvOnlyOwnClose is checkOwnDeferredClose for a channel mc the
// function lets out, but only as a receive-only channel (<-chan T): no code
// that gets it that way can send on it or close it, so when the function
// itself only defers its close (and never sends on it, nor hands it on
// otherwise), that deferred close is the only thing that ends a receive
// from it, and a receive of the function's own, however it names the
// channel (a variable a callback sets from its argument, see cellflow.go),
// waits for its own return. Every instance the make site ever makes is
// closed so, and the function does not return it (a recursive call could
// hand back another instance, already closed).
func (fa *fnAnalysis) checkRecvOnlyOwnClose(mc *ssa.MakeChan) {
	if !recvOnlyOutside(mc, false) {
		return
	}
	k := fa.r.resolve(mc).key()
	var closes []ChanOp
	for _, c := range fa.sum.Chans {
		if c.Kind == OpClose && c.Ref.key() == k {
			if !c.Deferred || len(c.Chain) != 1 {
				return
			}
			closes = append(closes, c)
		}
	}
	if len(closes) == 0 {
		return
	}
	for _, op := range fa.sum.Chans {
		if op.Kind == OpRecv && !op.Alt && !op.NonBlocking && !op.Deferred && op.Ref.key() == k {
			name, set := op.Ref.show(fa.ps.pkgPath), Chain(nil)
			if cell := fa.recvCell(op); cell != nil {
				for _, st := range closureSetters(cell) {
					set = append(set, Hop{Pos: fa.ps.position(st.Pos()), Func: fa.ps.name(st.Parent()), What: "sets " + cell.Comment + " to its argument, " + name})
				}
				name = cell.Comment + " (" + name + ", set by a callback)"
			}
			fa.ps.reportOwnDeferredClose(name, op, append(slices.Clip(closes[0].Chain), set...))
			return
		}
	}
}

// recvCell returns the local cell op, a receive of the function's own,
// loads its channel from, or nil.
func (fa *fnAnalysis) recvCell(op ChanOp) *ssa.Alloc {
	if len(op.Chain) != 1 {
		return nil
	}
	for _, instr := range fa.ps.instrsAt(fa.fn, op.Chain[0].Pos) {
		if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.ARROW {
			if ld, ok := u.X.(*ssa.UnOp); ok && ld.Op == token.MUL {
				if a, ok := ld.X.(*ssa.Alloc); ok && a.Comment != "" {
					return a
				}
			}
		}
	}
	return nil
}

// recvOnlyOutside reports whether channel value v (made here, or a
// conversion of it that can still send) is used only by receives, by
// deferred closes (at least one, when top), and by conversions to a
// receive-only type, which may go anywhere but back to a return.
func recvOnlyOutside(v ssa.Value, seen bool) bool {
	closed := false
	for _, use := range *v.Referrers() {
		switch u := use.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if u.Op != token.ARROW {
				return false
			}
		case *ssa.Select:
			if slices.ContainsFunc(u.States, func(s *ssa.SelectState) bool { return s.Chan == v && s.Dir != types.RecvOnly }) {
				return false
			}
		case *ssa.Defer:
			b, ok := u.Call.Value.(*ssa.Builtin)
			if !ok || b.Name() != "close" {
				return false
			}
			closed = true
		case *ssa.ChangeType:
			ch, ok := u.Type().Underlying().(*types.Chan)
			if !ok {
				return false
			}
			if ch.Dir() != types.RecvOnly {
				if !recvOnlyOutside(u, true) {
					return false
				}
				continue
			}
			if returned(u, 0) {
				return false
			}
		default:
			return false
		}
	}
	return closed || seen
}
