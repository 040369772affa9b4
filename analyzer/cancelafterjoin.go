package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A cancel called only after joining the goroutine that waits for it.
//
//	ctx, cancel := context.WithCancel(context.Background())
//	defer cancel()
//	wg.Add(1)
//	go func() { defer wg.Done(); <-ctx.Done() }()
//	wg.Wait() // waits for the goroutine, which waits for cancel
//
// The goroutine counts the group down only after its receive on
// ctx.Done() (a deferred Done, or one the receive comes before), and the
// function that made the context calls its cancel only once the group's
// Wait has returned: directly after a Wait that follows the go statement,
// or deferred when a Wait comes before every return the go statement
// reaches (also a Wait deferred after the cancel, which runs first). The
// receive waits for the cancel, the cancel for the Wait, the Wait for the
// Done, and the Done for the receive. (`defer cancel(); defer wg.Wait()`
// is the usual way to write it by mistake.) The group is the one the
// goroutine counts down: the same value where the function made the
// closure (or passed it as an argument).

// joinedFirst reports whether the cancel call call, in the function that
// started the goroutine of w.wait, runs only after a Wait for that
// goroutine, as above.
func (w *ctxWalk) joinedFirst(call ssa.CallInstruction) bool {
	g := w.wait.Parent()
	f := call.Parent()
	if g == f {
		return false
	}
	if _, isGo := call.(*ssa.Go); isGo {
		return false
	}
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			gs, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			wg := startedGroup(gs, g, w.wait)
			if wg == nil {
				continue
			}
			if cancelledAfterWait(call, gs, wg) {
				return true
			}
		}
	}
	return false
}

// startedGroup returns, in the starter's frame, the WaitGroup that the
// goroutine gs starts (running g) counts down only after the receive wait,
// nil when gs does not start g or g counts no group down so.
func startedGroup(gs *ssa.Go, g *ssa.Function, wait ssa.Instruction) ssa.Value {
	c := gs.Common()
	var free []ssa.Value
	var args []ssa.Value
	switch v := c.Value.(type) {
	case *ssa.MakeClosure:
		if v.Fn != g {
			return nil
		}
		free = v.Bindings
		args = c.Args
	case *ssa.Function:
		if v != g {
			return nil
		}
		args = c.Args
	default:
		return nil
	}
	for _, b := range g.Blocks {
		for _, instr := range b.Instrs {
			dc, ok := instr.(ssa.CallInstruction)
			if !ok || apiOp(dc.Common()) != OpWGDone {
				continue
			}
			if _, deferred := dc.(*ssa.Defer); !deferred && !instrBefore(wait, dc) {
				continue
			}
			recv := dc.Common().Args[0]
			if u, ok := recv.(*ssa.UnOp); ok && u.Op == token.MUL {
				recv = u.X // a group captured by value's cell
			}
			switch r := recv.(type) {
			case *ssa.FreeVar:
				for i, fv := range g.FreeVars {
					if fv == r && i < len(free) {
						return free[i]
					}
				}
			case *ssa.Parameter:
				for i, p := range g.Params {
					if p == r && i < len(args) {
						return args[i]
					}
				}
			}
		}
	}
	return nil
}

// cancelledAfterWait reports whether the cancel call runs only after a Wait
// on wg made after the go statement gs (see above).
func cancelledAfterWait(call ssa.CallInstruction, gs *ssa.Go, wg ssa.Value) bool {
	f := call.Parent()
	var waits, deferredWaits []ssa.CallInstruction
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok || apiOp(c.Common()) != OpWGWait || !sameValue(c.Common().Args[0], wg) {
				continue
			}
			switch c.(type) {
			case *ssa.Call:
				if instrBefore(gs, c) { // a Wait before the go waits for none of it
					waits = append(waits, c)
				}
			case *ssa.Defer:
				deferredWaits = append(deferredWaits, c) // runs at the return, after the go
			}
		}
	}
	dominated := func(x ssa.Instruction, by []ssa.CallInstruction) bool {
		for _, w := range by {
			if instrBefore(w, x) {
				return true
			}
		}
		return false
	}
	if _, deferred := call.(*ssa.Defer); !deferred {
		return dominated(call, waits)
	}
	// Deferred: every return the go statement reaches comes after a Wait,
	// or after a Wait deferred after this cancel (which runs before it).
	later := deferredWaits[:0:0]
	for _, d := range deferredWaits {
		if instrBefore(call, d) {
			later = append(later, d)
		}
	}
	found := false
	for _, b := range f.Blocks {
		ret, ok := lastInstr(b).(*ssa.Return)
		if !ok || !instrReaches(gs, ret) {
			continue
		}
		if !dominated(ret, waits) && !dominated(ret, later) {
			return false
		}
		found = true
	}
	return found
}
