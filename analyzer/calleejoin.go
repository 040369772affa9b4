package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// calleeJoined reports whether g is a call of a function that starts one
// goroutine and returns the channel on which that goroutine gives its last
// signal (lastSignals: a send or close after which it takes no lock), and
// whose caller receives from that channel after g and before then, on every
// path:
//
//	errc := s.startSync() // go func() { lock; lock; ...; errc <- err }(); return errc
//	if err := <-errc; err != nil { return err }
//	then
//
// The goroutine has done its locking when then runs. The channel must be
// made by the callee and go nowhere but to the goroutine and back to the
// caller, which only receives from it: nobody else can feed it.
func (ps *passState) calleeJoined(g, then ssa.Instruction, nestingOnly bool) bool {
	call, ok := g.(*ssa.Call)
	if !ok {
		return false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || ps.sums[callee] == nil {
		return false
	}
	gi := onlyGo(callee)
	if gi == nil || inLoop(gi.Block()) || !beforeEveryReturn(gi) {
		return false
	}
	i, mc := returnedChan(callee)
	if mc == nil || !keptFor(mc, gi) {
		return false
	}
	_, bound := goBinding(gi)
	signalled := false
	for _, sig := range ps.lastSignalsAt(ps.sums[callee], gi, nestingOnly) {
		for _, x := range sig.instrs {
			if ch := signalChan(x); ch != nil && madeChan(ch, bound) == mc {
				signalled = true
			}
		}
	}
	if !signalled {
		return false
	}
	res := resultValue(call, i)
	if res == nil || res.Referrers() == nil {
		return false
	}
	received := false
	for _, r := range *res.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				return false
			}
			received = received || instrBefore(g, r) && instrBefore(r, then)
		default:
			return false // passed on, sent, closed or selected on: not ours alone
		}
	}
	return received
}

// onlyGo returns fn's one go statement, nil when it has none or several.
func onlyGo(fn *ssa.Function) *ssa.Go {
	var out *ssa.Go
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if gi, ok := instr.(*ssa.Go); ok {
				if out != nil {
					return nil
				}
				out = gi
			}
		}
	}
	return out
}

// returnedChan returns the index of the result through which fn returns a
// channel it makes, the same one at every return, and that channel.
func returnedChan(fn *ssa.Function) (int, *ssa.MakeChan) {
	idx, made := -1, (*ssa.MakeChan)(nil)
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		found := false
		for i, r := range ret.Results {
			mc := madeChan(r, nil)
			if mc == nil {
				continue
			}
			if idx >= 0 && (idx != i || mc != made) {
				return -1, nil
			}
			idx, made, found = i, mc, true
		}
		if !found {
			return -1, nil
		}
	}
	return idx, made
}

// madeChan returns the channel make that v is, through conversions and
// the one store of a local variable's cell (a variable a closure captures
// lives in one), and through the free variables and parameters bound gives
// a goroutine body; nil when v may be anything else.
func madeChan(v ssa.Value, bound map[ssa.Value]ssa.Value) *ssa.MakeChan {
	for range 8 {
		if b, ok := bound[v]; ok {
			v = b
			continue
		}
		switch x := v.(type) {
		case *ssa.MakeChan:
			return x
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
			addr := x.X
			if b, ok := bound[addr]; ok {
				addr = b // a captured variable's cell
			}
			cell, ok := addr.(*ssa.Alloc)
			if !ok {
				return nil
			}
			v = uniqueStore(cell)
			if v == nil {
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

// keptFor reports whether the channel mc goes nowhere but to the goroutine
// gi starts (as an argument, a captured variable or a captured variable's
// cell) and to its function's results.
func keptFor(mc *ssa.MakeChan, gi *ssa.Go) bool {
	var uses func(v ssa.Value) bool
	uses = func(v ssa.Value) bool {
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.Return, *ssa.DebugRef:
			case *ssa.ChangeType:
				if !uses(r) {
					return false
				}
			case *ssa.UnOp:
				if r.Op != token.MUL || !uses(r) {
					return false
				}
			case *ssa.Store:
				if r.Addr == v {
					continue // the cell's one store (uniqueStore)
				}
				cell, ok := r.Addr.(*ssa.Alloc)
				if !ok || r.Val != v || uniqueStore(cell) != v || !uses(cell) {
					return false
				}
			case *ssa.MakeClosure:
				if gi.Call.Value != r {
					return false
				}
			case *ssa.Go:
				if r != gi {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return uses(mc)
}

// signalChan is the channel a send or close instruction feeds, nil for
// anything else.
func signalChan(x ssa.Instruction) ssa.Value {
	switch x := x.(type) {
	case *ssa.Send:
		return x.Chan
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(x.Call.Args) == 1 {
			return x.Call.Args[0]
		}
	}
	return nil
}
