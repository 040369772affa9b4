package analyzer

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"
)

// Lock flags.
//
// A loop that takes a lock once, lazily, guards the Lock with a flag it
// sets in the same step:
//
//	locked := false
//	for _, x := range xs {
//		if x.needs && !locked {
//			mu.Lock()
//			locked = true
//		}
//	}
//	if locked {
//		mu.Unlock()
//	}
//
// Coming round the loop from the Lock, the flag is true, and the test in
// front of the Lock fails: the lock is not taken again. In SSA the flag is
// a phi of the loop header whose value on the way back from the Lock is a
// constant (through the phis of the blocks in between). flagForbids
// evaluates the tests on such phis that lead to the Lock against the values
// the back edge gives them.

// flagForbids reports whether a test on a phi of the loop's header, which
// every path from the header to block lock passes, fails on the back edge
// be: the value the phi gets there, a constant, sends the test the other
// way.
func flagForbids(be backEdge, lock *ssa.BasicBlock) bool {
	path := append(append([]*ssa.BasicBlock(nil), be.path...), be.header)
	for b := lock; b != nil && b != be.header; b = b.Idom() {
		d := b.Idom()
		if d == nil || len(d.Succs) != 2 {
			continue
		}
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		k, val, ok := condOf(ifi.Cond)
		if !ok || k.isNil {
			continue
		}
		phi, ok := k.v.(*ssa.Phi)
		if !ok || phi.Block() != be.header {
			continue
		}
		// The branch d takes towards lock: the successor that leads to b
		// (b itself, or one that dominates b and not d, as a loop's header
		// would).
		want := val
		switch towards(d, b) {
		case 0:
		case 1:
			want = !val
		default:
			continue
		}
		if got, known := valueOnPath(phi, path); known && got != want {
			return true
		}
	}
	return false
}

// towards returns the index of the successor of d by which d reaches b,
// which d dominates; -1 when both may.
func towards(d, b *ssa.BasicBlock) int {
	at := -1
	for i, s := range d.Succs {
		if s == b || s.Dominates(b) && !s.Dominates(d) {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	return at
}

// valueOnPath evaluates the bool v on entry to the last block of path,
// coming from the blocks before it in order: a phi of a block of path
// takes the value of the edge from the block before it, back to a
// constant; anything else is unknown.
func valueOnPath(v ssa.Value, path []*ssa.BasicBlock) (bool, bool) {
	for i := len(path) - 1; i > 0; i-- {
		phi, ok := v.(*ssa.Phi)
		if !ok || phi.Block() != path[i] {
			break
		}
		j := -1
		for e, pred := range path[i].Preds {
			if pred == path[i-1] {
				if j >= 0 {
					return false, false // two edges from one block
				}
				j = e
			}
		}
		if j < 0 || j >= len(phi.Edges) {
			return false, false
		}
		v = phi.Edges[j]
	}
	if c, ok := v.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Bool {
		return constant.BoolVal(c.Value), true
	}
	return false, false
}
