package analyzer

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A goroutine started behind a flag that its own start sets.
//
// The other spelling of "one at a time" in a loop (see nilgate.go): a
// boolean loop variable tested before the go statement, set by the path
// that starts the sender, and cleared only once its value was received.
//
//	busy := false
//	for {
//		select {
//		case <-kick:
//			if busy {
//				continue // one attempt at a time
//			}
//			busy = true
//			go func() { res <- work() }()
//		case <-res:
//			busy = false
//		case <-quit:
//			return
//		}
//	}
//
// The go statement runs only where the flag, as the loop's turn began, is
// clear; every path from it back to the loop's head sets it; it is clear
// again only on paths that received from the channel. So at most one
// sender is outstanding, and a buffer of one holds the value of the one
// the loop left behind.

// flagGated reports whether at most one value can ever be pending in the
// channel k: its one sending goroutine, sending at most once, is started
// behind a flag as above (with at most a first one before the loop, see
// oneAtATime), and nothing else sends on it.
func (fa *fnAnalysis) flagGated(k string, u *chanUse) bool {
	return fa.oneAtATime(k, u, func(b *ssa.BasicBlock) (*ssa.Phi, func(*ssa.Const) bool) {
		phi, on := flagTestOn(b)
		return phi, func(c *ssa.Const) bool {
			return c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value) != on
		}
	})
}

// flagTestOn finds the nearest test that b runs behind of a boolean loop
// variable (a phi of a block that dominates the test: the loop's head),
// and the value the variable has where b runs.
func flagTestOn(b *ssa.BasicBlock) (*ssa.Phi, bool) {
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cond, negated := ifi.Cond, false
		if n, ok := cond.(*ssa.UnOp); ok && n.Op == token.NOT {
			cond, negated = n.X, true
		}
		phi, ok := cond.(*ssa.Phi)
		if !ok || !isBool(phi.Type()) || !phi.Block().Dominates(d) {
			continue
		}
		// (the edge to a successor that only d enters: a loop's head
		// dominates b too, but not by that edge)
		switch {
		case len(d.Succs[0].Preds) == 1 && d.Succs[0].Dominates(b):
			return phi, !negated
		case len(d.Succs[1].Preds) == 1 && d.Succs[1].Dominates(b):
			return phi, negated
		}
	}
	return nil, false
}
