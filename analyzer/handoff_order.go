package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// handedOff reports whether, of two goroutines one function starts, the
// one started at waiter begins by receiving from a channel that the
// function made and hands to nothing but the two goroutines, and that only
// the goroutine started at first feeds (sends on or closes), after every
// call of its body in sides and never before one of them again: the
// waiter's work starts after the first's side has returned (a worker that
// closes ready once its setup is done, and a second that waits for it).
// A close the first defers, with nothing deferred before it that may take
// a lock, runs after everything the body does. When the body is itself the
// side, its own acquisitions are the sides (sidesOf).
// The waiter's body only receives from the channel; the starter neither
// receives from it nor feeds it.
func handedOff(first, waiter ssa.CallInstruction, sides []ssa.Instruction) bool {
	if len(sides) == 0 || first.Parent() != waiter.Parent() {
		return false
	}
	wbody, wbound := goBinding(waiter)
	if wbody == nil {
		return false
	}
	recv, ok := firstWait(wbody).(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW {
		return false
	}
	v := boundOutside(recv.X, wbound)
	mc, ok := v.(*ssa.MakeChan)
	if !ok || mc.Parent() != first.Parent() {
		return false
	}
	fbody, _ := goBinding(first)
	if fbody == nil {
		return false
	}
	fed := 0
	// use checks one use of the channel, or of a value that stands for it
	// (the starter's cell, a closure's free variable, a load of a cell).
	var use func(v ssa.Value, ref ssa.Instruction) bool
	use = func(v ssa.Value, ref ssa.Instruction) bool {
		fn := ref.Parent()
		switch r := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Store: // the starter's variable that holds the channel
			a, ok := r.Addr.(*ssa.Alloc)
			if !ok || r.Val != v || uniqueStore(a) != v || fn != first.Parent() {
				return false
			}
			for _, ar := range *a.Referrers() {
				if ar != r && !use(a, ar) {
					return false
				}
			}
		case *ssa.MakeClosure:
			fv, _ := started(first)
			wv, _ := started(waiter)
			if fv != r && wv != r {
				return false
			}
			body := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b != v || i >= len(body.FreeVars) {
					continue
				}
				for _, fr := range *body.FreeVars[i].Referrers() {
					if !use(body.FreeVars[i], fr) {
						return false
					}
				}
			}
		case *ssa.UnOp:
			switch r.Op {
			case token.ARROW:
				if fn != wbody {
					return false
				}
			case token.MUL: // the load of a cell that holds the channel
				if fn == first.Parent() {
					return false
				}
				for _, lr := range *r.Referrers() {
					if !use(r, lr) {
						return false
					}
				}
			default:
				return false
			}
		case *ssa.Send, *ssa.Call:
			if !feeds(r, v) || fn != fbody || !afterEvery(sides, r) {
				return false
			}
			fed++
		case *ssa.Defer:
			if !feeds(r, v) || fn != fbody || !lastDeferred(r) {
				return false
			}
			fed++
		default:
			return false
		}
		return true
	}
	for _, ref := range *mc.Referrers() {
		if !use(mc, ref) {
			return false
		}
	}
	return fed > 0
}

// lastDeferred reports whether the deferred close d runs after everything
// its function does but deferred calls that take no lock: it is not in a
// loop, and every call deferred before it (which runs after it) is a
// builtin, an Unlock or a WaitGroup's Done.
func lastDeferred(d *ssa.Defer) bool {
	if inLoop(d.Block()) {
		return false
	}
	for _, b := range d.Parent().Blocks {
		for _, instr := range b.Instrs {
			e, ok := instr.(*ssa.Defer)
			if !ok || e == d || !instrReaches(e, d) {
				continue
			}
			if _, builtin := e.Call.Value.(*ssa.Builtin); builtin {
				continue
			}
			if op := syncOp(e.Common()); op != OpUnlock && op != OpRUnlock && op != OpWGDone {
				return false
			}
		}
	}
	return true
}

// afterEvery reports whether each of sides comes before feed on every
// path to it, and feed cannot lead back to one of them.
func afterEvery(sides []ssa.Instruction, feed ssa.Instruction) bool {
	for _, s := range sides {
		if !instrBefore(s, feed) || instrReaches(feed, s) {
			return false
		}
	}
	return true
}

// onceFirst reports whether, of two goroutines one function starts, the
// one started at waiter begins with a Do of a Once the function gives it,
// and every side of the one started at first (its acquisitions, or the
// calls that reach them) is a Do of that same Once: Do returns only after
// the Once's function has run to its end, in whichever goroutine ran it,
// and a later Do runs nothing, so once the waiter's Do returns, the
// first's sides are over or will never run.
func onceFirst(first, waiter ssa.CallInstruction, sides []ssa.Instruction) bool {
	wbody, wbound := goBinding(waiter)
	fbody, fbound := goBinding(first)
	if wbody == nil || fbody == nil || len(sides) == 0 || first.Parent() != waiter.Parent() {
		return false
	}
	w, ok := firstWait(wbody).(*ssa.Call)
	if !ok || !onceDoCall(w.Common()) {
		return false
	}
	o := boundOutside(w.Common().Args[0], wbound)
	return o != nil && sidesOnce(sides, fbody, fbound) == o
}

// sidesOnce returns the Once of which every side of the goroutine body is
// a Do (a call of the body's own frame), as the starter binds it (bound);
// nil when a side is anything else or two Onces differ.
func sidesOnce(sides []ssa.Instruction, body *ssa.Function, bound map[ssa.Value]ssa.Value) ssa.Value {
	var o ssa.Value
	for _, x := range sides {
		c, ok := x.(*ssa.Call)
		if !ok || c.Parent() != body || !onceDoCall(c.Common()) {
			return nil
		}
		v := boundOutside(c.Common().Args[0], bound)
		if v == nil || o != nil && v != o {
			return nil
		}
		o = v
	}
	return o
}

// onceDoCall reports whether c calls (*sync.Once).Do.
func onceDoCall(c *ssa.CallCommon) bool {
	f := c.StaticCallee()
	return f != nil && f.Name() == "Do" && f.Signature.Recv() != nil && isSyncType(f.Signature.Recv().Type(), "Once") && len(c.Args) == 2
}

// onceJoined reports whether the goroutine that the go statement g starts
// takes every lock inside a Do of a Once its starter s gives it, and s
// calls Do on that Once itself after g and before then on every path: the
// starter's Do returns only after the Once's function has ended, in
// whichever goroutine ran it, and the goroutine's Do then runs nothing.
func (ps *passState) onceJoined(s *ssa.Function, g, then ssa.Instruction) bool {
	gi, ok := g.(ssa.CallInstruction)
	if !ok || inLoop(g.Block()) {
		return false
	}
	body, bound := goBinding(gi)
	if body == nil {
		return false
	}
	sides, ok := ps.bodyAcquisitions(body, false)
	if !ok {
		return false
	}
	o := sidesOnce(sides, body, bound)
	if o == nil {
		return false
	}
	for _, b := range s.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if ok && onceDoCall(c.Common()) && c.Common().Args[0] == o && instrBefore(g, c) && instrBefore(c, then) && c != then {
				return true
			}
		}
	}
	return false
}

// wgHandedOff is handedOff with a WaitGroup for the channel: the goroutine
// started at waiter begins by waiting on a WaitGroup the function made
// (a local variable the two goroutines capture), which the function adds
// to before starting either and which only the goroutine started at first
// counts down, after every one of its sides (or in its last deferred
// call). Wait returns only after a Done, so the waiter's work starts after
// the first's side has returned.
func wgHandedOff(first, waiter ssa.CallInstruction, sides []ssa.Instruction) bool {
	if len(sides) == 0 || first.Parent() != waiter.Parent() {
		return false
	}
	wbody, wbound := goBinding(waiter)
	fbody, _ := goBinding(first)
	if wbody == nil || fbody == nil || wbody == fbody {
		return false
	}
	wait, ok := firstWait(wbody).(*ssa.Call)
	if !ok || !wgMethod(wait.Common(), "Wait") {
		return false
	}
	a, ok := boundOutside(wait.Common().Args[0], wbound).(*ssa.Alloc)
	if !ok || a.Parent() != first.Parent() {
		return false
	}
	fv, _ := started(first)
	wv, _ := started(waiter)
	dones := 0
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Call: // the starter's Add, before both starts
			if !wgMethod(r.Common(), "Add") || r.Common().Args[0] != a || !instrBefore(r, first) || !instrBefore(r, waiter) {
				return false
			}
		case *ssa.MakeClosure:
			if fv != r && wv != r {
				return false
			}
			body := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b != a || i >= len(body.FreeVars) {
					continue
				}
				for _, use := range *body.FreeVars[i].Referrers() {
					if _, ok := use.(*ssa.DebugRef); ok {
						continue
					}
					c, ok := use.(ssa.CallInstruction)
					if !ok || len(c.Common().Args) == 0 || c.Common().Args[0] != body.FreeVars[i] {
						return false
					}
					switch {
					case body == wbody && wgMethod(c.Common(), "Wait"):
					case body == fbody && wgMethod(c.Common(), "Done"):
						if d, ok := c.(*ssa.Defer); ok && !lastDeferred(d) || !ok && !afterEvery(sides, c) {
							return false
						}
						dones++
					default:
						return false
					}
				}
			}
		default:
			return false
		}
	}
	return dones > 0
}
