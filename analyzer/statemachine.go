package analyzer

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// State machines in a loop.
//
//	st := stInit
//	for st != stDone {
//		switch st {
//		case stInit:   st = stLock
//		case stLock:   mu.Lock(); st = stApply
//		case stApply:  ...; if done { st = stUnlock }
//		case stUnlock: mu.Unlock(); st = stDone
//		}
//	}
//
// The Lock runs on a turn that finds the state variable (a phi of the
// loop's header) equal to stLock. The lock it takes is taken again only if
// some sequence of turns leads from stLock back to stLock. Each turn moves
// the machine from the state its case tested to the value it leaves in the
// variable: a constant, or the state unchanged. When every value the
// variable gets on a way round the loop is such, the moves form a graph
// over the constants, and a state that graph does not lead back to is
// never entered again: the Lock is not reached with its own lock held. A
// value the machine computes (st = next(st)), or a way round the loop from
// no case (every state may take it), leaves the claim standing unless
// what it gives is a constant.

// stateForbids reports whether the Lock in block lock, on a turn of the
// loop with header be.header that requires a state phi of the header to
// equal a constant (see above), can never find that state again after the
// turn that took it.
func stateForbids(be backEdge, lock *ssa.BasicBlock) bool {
	phi, state, ok := stateTest(be.header, lock)
	if !ok {
		return false
	}
	moves, ok := stateMoves(be.header, phi)
	if !ok {
		return false
	}
	// The states reachable after the turn in state.
	seen := map[string]bool{}
	work := moves.from(state)
	for len(work) > 0 {
		s := work[len(work)-1]
		work = work[:len(work)-1]
		if s == state {
			return false
		}
		if seen[s] {
			continue
		}
		seen[s] = true
		work = append(work, moves.from(s)...)
	}
	return true
}

// stateTest finds, among the branches that every path from the loop's
// header to lock passes, a test that a phi of the header equals an
// integer or string constant, taken on its equal side: the phi and the
// constant's exact representation.
func stateTest(header, lock *ssa.BasicBlock) (*ssa.Phi, string, bool) {
	for b := lock; b != nil && b != header; b = b.Idom() {
		d := b.Idom()
		if d == nil {
			break
		}
		if phi, state, ok := caseOf(d, towards(d, b), header); ok {
			return phi, state, true
		}
	}
	return nil, "", false
}

// caseOf returns, when block d ends in a test of a phi of header against
// a constant and its successor succ is the side where they are equal, the
// phi and the constant.
func caseOf(d *ssa.BasicBlock, succ int, header *ssa.BasicBlock) (*ssa.Phi, string, bool) {
	if succ < 0 || len(d.Instrs) == 0 {
		return nil, "", false
	}
	ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, "", false
	}
	bin, ok := ifi.Cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL && bin.Op != token.NEQ || (succ == 0) != (bin.Op == token.EQL) {
		return nil, "", false
	}
	x, y := bin.X, bin.Y
	if _, isConst := x.(*ssa.Const); isConst {
		x, y = y, x
	}
	phi, ok := x.(*ssa.Phi)
	c, isConst := y.(*ssa.Const)
	if !ok || phi.Block() != header || !isConst || !stateConst(c) {
		return nil, "", false
	}
	return phi, c.Value.ExactString(), true
}

func stateConst(c *ssa.Const) bool {
	return c.Value != nil && (c.Value.Kind() == constant.Int || c.Value.Kind() == constant.String)
}

// stateGraph holds the moves of a state machine: by the state a turn
// starts in ("" for a turn no case decides), the states it may leave.
type stateGraph map[string][]string

// from lists the states a turn that starts in s may leave: its own moves,
// and those of the turns no case decides.
func (g stateGraph) from(s string) []string {
	return append(append([]string(nil), g[s]...), g[""]...)
}

// stateMoves builds the moves of the machine whose state is phi, a phi of
// the loop's header: each edge into the header from inside the loop gives
// it a value, through the phis of the blocks on the way; each value must
// be a constant or phi itself (the state unchanged), and the turn's start
// state is the case whose test dominates the block the value comes from.
func stateMoves(header *ssa.BasicBlock, phi *ssa.Phi) (stateGraph, bool) {
	g := stateGraph{}
	seen := map[*ssa.Phi]bool{}
	var walk func(v ssa.Value, from *ssa.BasicBlock) bool
	walk = func(v ssa.Value, from *ssa.BasicBlock) bool {
		start := stateAt(header, phi, from)
		switch x := v.(type) {
		case *ssa.Const:
			if !stateConst(x) {
				return false
			}
			g[start] = append(g[start], x.Value.ExactString())
			return true
		case *ssa.Phi:
			if x == phi {
				if start == "" {
					return true // a turn no case decides, leaving the state as it was
				}
				g[start] = append(g[start], start)
				return true
			}
			if !header.Dominates(x.Block()) {
				return false // a value from outside the loop
			}
			if seen[x] {
				return true
			}
			seen[x] = true
			for i, e := range x.Edges {
				if !walk(e, x.Block().Preds[i]) {
					return false
				}
			}
			return true
		}
		return false
	}
	for i, e := range phi.Edges {
		pred := header.Preds[i]
		if !header.Dominates(pred) {
			continue // the way into the loop
		}
		if !walk(e, pred) {
			return nil, false
		}
	}
	return g, true
}

// stateAt returns the state whose case test, on phi, dominates block b
// inside the loop ("" when none does).
func stateAt(header *ssa.BasicBlock, phi *ssa.Phi, b *ssa.BasicBlock) string {
	for ; b != nil && b != header; b = b.Idom() {
		d := b.Idom()
		if d == nil {
			break
		}
		if p, state, ok := caseOf(d, towards(d, b), header); ok && p == phi {
			return state
		}
	}
	return ""
}
