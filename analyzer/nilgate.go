package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A goroutine started behind a select case that its own start disables.
//
// The Go idiom for "one at a time" in a select loop is a channel variable
// set to nil: a receive from a nil channel is never ready, so the case is
// off until the variable is set again.
//
//	for tick := ticker.C; ; {
//		select {
//		case <-tick:
//			tick = nil // no second check while one runs
//			go func() { ch <- check() }()
//		case v := <-ch:
//			tick = ticker.C
//		case <-timeout:
//			return
//		}
//	}
//
// When the case that starts the sender sets its own channel variable to
// nil, and the variable gets a channel back only on paths that have
// received from ch, at most one sender is ever waiting to be received: the
// case is on only while none is outstanding. So once the loop is left, at
// most one value is pending, and a buffer of one holds it. nilGated proves
// that bound; the sends and turns counted around the loop (maxPending) do
// not see the variable and bound nothing.

// nilGated reports whether at most one value can ever be pending in the
// channel k: every goroutine that sends on it is started by one go
// statement behind a nil-able select case as above (or by that one and a
// first one before the loop, see oneAtATime), sends on it at most once,
// and nothing else sends on it.
func (fa *fnAnalysis) nilGated(k string, u *chanUse) bool {
	return fa.oneAtATime(k, u, func(b *ssa.BasicBlock) (*ssa.Phi, func(*ssa.Const) bool) {
		return selectCaseOn(b), (*ssa.Const).IsNil
	})
}

// oneAtATime reports whether the goroutines sending on k are started one
// at a time behind a loop variable: gate(b) finds the variable the go
// statement in block b runs behind and the constants that turn it off.
//
// A first sender may be started before the loop, as a check made once
// before the first tick: the bound holds when the loop is entered with the
// gate off (its value on entry is one of those constants), so that it
// comes on only once that first value was received, and the loop cannot
// reach the first go statement again (which no path after the loop then
// repeats).
func (fa *fnAnalysis) oneAtATime(k string, u *chanUse, gate func(*ssa.BasicBlock) (*ssa.Phi, func(*ssa.Const) bool)) bool {
	spawns := fa.onceSenders(k, u)
	if len(spawns) == 0 || len(spawns) > 2 { // (one gated, and at most one first)
		return false
	}
	recvs := fa.recvBlocks(k)
	for i, b := range spawns {
		phi, off := gate(b)
		if phi == nil || reachesWithin(b, b, phi.Block()) {
			continue // (a go statement in a loop of its own inside the case starts many)
		}
		head := phi.Block()
		first := len(spawns) == 2
		if first && !runsOnceBefore(spawns[1-i], head) {
			continue
		}
		if fa.gateValues(phi, phi, off, first, b, recvs, map[*ssa.Phi]bool{}) {
			return true
		}
	}
	return false
}

// runsOnceBefore reports whether the block b, in no loop of its own, leads
// to the loop headed by head and cannot be reached from it.
func runsOnceBefore(b, head *ssa.BasicBlock) bool {
	return !reachesBlock(b, b) && reachesBlock(b, head) && !reachesBlock(head, b)
}

// onceSenders returns the blocks of the go statements that start the
// goroutines sending on k, each outside any loop, when the function
// itself does not send on k and each goroutine sends at most once and
// does not receive from k; nil otherwise.
func (fa *fnAnalysis) onceSenders(k string, u *chanUse) []*ssa.BasicBlock {
	if len(opsOn(u.self.ops, k, OpSend)) > 0 {
		return nil
	}
	var out []*ssa.BasicBlock
	for _, g := range u.goros {
		if g.index >= len(fa.spawnAt) || fa.spawnMany[g.index] || g.each > 1 || len(opsOn(g.ops, k, OpRecv)) > 0 {
			return nil
		}
		out = append(out, fa.spawnAt[g.index])
	}
	return out
}

// selectCaseOn finds the select case the block b runs in: the receive case
// of a blocking select whose body dominates b, when its channel is a loop
// variable (a phi), which it returns.
func selectCaseOn(b *ssa.BasicBlock) *ssa.Phi {
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || !d.Succs[0].Dominates(b) {
			continue
		}
		sel, i, ok := selectIndexTest(ifi.Cond)
		if !ok {
			continue
		}
		if !sel.Blocking || i >= len(sel.States) || sel.States[i].Dir != types.RecvOnly {
			return nil
		}
		phi, _ := sel.States[i].Chan.(*ssa.Phi)
		return phi
	}
	return nil
}

// recvBlocks are the blocks after a receive from k of this function: a
// plain receive's block, and the body of a select case that receives.
func (fa *fnAnalysis) recvBlocks(k string) []*ssa.BasicBlock {
	var out []*ssa.BasicBlock
	for b := range fa.opBlocks(k, OpRecv) {
		if _, isSel := b.Instrs[len(b.Instrs)-1].(*ssa.Select); !isSel {
			out = append(out, b)
		}
	}
	for _, body := range fa.caseBodies(k, false) {
		out = append(out, body)
	}
	return out
}

// gateValues checks the values phi (the gate, or a phi merging its next
// values inside the loop) takes on the edges into its block: off (nil), or the
// gate unchanged on a path that did not start the sender (spawn does not
// dominate the edge), or any other value on a path that received from the
// channel since the loop's head (a receive block dominates the edge); the
// gate's value on entry to the loop is free, unless enterOff: then it is
// off.
func (fa *fnAnalysis) gateValues(gate, phi *ssa.Phi, off func(*ssa.Const) bool, enterOff bool, spawn *ssa.BasicBlock, recvs []*ssa.BasicBlock, seen map[*ssa.Phi]bool) bool {
	if seen[phi] {
		return true
	}
	seen[phi] = true
	head := gate.Block()
	for j, v := range phi.Edges {
		pred := phi.Block().Preds[j]
		if phi == gate && !head.Dominates(pred) {
			if c, ok := v.(*ssa.Const); enterOff && !(ok && off(c)) {
				return false
			}
			continue // entering the loop
		}
		received := false
		for _, r := range recvs {
			received = received || head.Dominates(r) && r.Dominates(pred)
		}
		switch x := v.(type) {
		case *ssa.Const:
			if off(x) {
				continue
			}
		case *ssa.Phi:
			if x == gate {
				if !spawn.Dominates(pred) && spawn != pred && !reachesWithin(spawn, pred, head) {
					continue
				}
				return false
			}
			if x.Block() != head && head.Dominates(x.Block()) {
				if fa.gateValues(gate, x, off, false, spawn, recvs, seen) {
					continue
				}
				return false
			}
		}
		if !received {
			return false
		}
	}
	return true
}

// reachesWithin reports whether a path of at least one step leads from
// from to to without passing head (inside one turn of head's loop).
func reachesWithin(from, to, head *ssa.BasicBlock) bool {
	return reaches(from.Succs, to, func(b *ssa.BasicBlock) bool { return b == head })
}
