package analyzer

import (
	"go/constant"
	"go/token"
	"slices"

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
		if counterForbids(ifi, towards(d, b), be) {
			return true
		}
		k, val, ok := condOf(ifi.Cond)
		if !ok || k.isNil || k.field != 0 {
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
		got, known := false, false
		switch v := k.v.(type) {
		case *ssa.Phi:
			if v.Block() == be.header {
				got, known = valueOnPath(v, path)
			}
		case *ssa.UnOp:
			got, known = storedOnPath(v, be)
		}
		if known && got != want {
			return true
		}
	}
	return false
}

// storedOnPath evaluates the load ld of a flag kept in memory (a variable
// a closure captures, or a field of an object the loop does not change) on
// the next iteration after the back edge be: the one store to it in the
// loop is on be's path and stores a constant, and nothing else in the loop
// may write it (the closures that capture the variable only read it; for
// a field, the loop makes no call but Lock and Unlock).
func storedOnPath(ld *ssa.UnOp, be backEdge) (bool, bool) {
	if ld.Op != token.MUL {
		return false, false
	}
	loop := loopBlocks(be.header)
	var same func(addr ssa.Value) bool
	switch a := ld.X.(type) {
	case *ssa.Alloc:
		if _, ok := cellStores(a); !ok { // the closures that capture it only read it
			return false, false
		}
		same = func(addr ssa.Value) bool { return addr == ssa.Value(a) }
	case *ssa.FieldAddr:
		if loop[instrBlock(a.X)] {
			return false, false // the object may change with the iteration
		}
		for b := range loop {
			for _, instr := range b.Instrs {
				if c, ok := instr.(ssa.CallInstruction); ok && !lockCall(c.Common()) {
					return false, false
				}
			}
		}
		same = func(addr ssa.Value) bool {
			f, ok := addr.(*ssa.FieldAddr)
			return ok && f.X == a.X && f.Field == a.Field
		}
	default:
		return false, false
	}
	var store *ssa.Store
	for b := range loop {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && same(st.Addr) {
				if store != nil {
					return false, false
				}
				store = st
			}
		}
	}
	if store == nil || !slices.Contains(be.path, store.Block()) {
		return false, false
	}
	if c, ok := store.Val.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Bool {
		return constant.BoolVal(c.Value), true
	}
	return false, false
}

// instrBlock is the block that defines v; nil for a parameter, a free
// variable or a constant, which no loop changes.
func instrBlock(v ssa.Value) *ssa.BasicBlock {
	if instr, ok := v.(ssa.Instruction); ok {
		return instr.Block()
	}
	return nil
}

// loopBlocks lists the blocks of the loop whose header is h: those h
// dominates that lead back to it.
func loopBlocks(h *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	loop := make(map[*ssa.BasicBlock]bool)
	for _, b := range h.Parent().Blocks {
		if h.Dominates(b) && (b == h || reachesBlock(b, h)) {
			loop[b] = true
		}
	}
	return loop
}

// lockCall reports whether c is a Lock or Unlock (or their read forms) of
// a mutex: a call that changes no flag.
func lockCall(c *ssa.CallCommon) bool {
	name, ok := calleeName(c)
	if !ok {
		return false
	}
	e := syncAPI[name]
	switch e.op {
	case OpLock, OpUnlock, OpRLock, OpRUnlock:
		return e.res == ResMutex || e.res == ResRWMutex // not a Locker out of sight
	}
	return false
}

// counterForbids reports whether the branch of ifi taken by edge succ
// (its index) tests that a loop counter equals a constant (if i == 0), and
// the counter moves on by a constant step on the back edge be: the next
// iteration's counter differs, and the test fails. The counter is a phi of
// the header whose back-edge value is itself plus the step (i++), or the
// value one past such a phi (a range loop's index: the phi holds the last
// index, and i = phi + 1).
func counterForbids(ifi *ssa.If, succ int, be backEdge) bool {
	bin, ok := ifi.Cond.(*ssa.BinOp)
	if !ok || succ < 0 || (bin.Op != token.EQL || succ != 0) && (bin.Op != token.NEQ || succ != 1) {
		return false // the branch taken is not "equals"
	}
	v, c := bin.X, bin.Y
	if _, ok := v.(*ssa.Const); ok {
		v, c = c, v
	}
	if _, ok := c.(*ssa.Const); !ok || len(be.path) == 0 {
		return false
	}
	back := -1
	for j, pred := range be.header.Preds {
		if pred == be.path[len(be.path)-1] {
			back = j
		}
	}
	if back < 0 {
		return false
	}
	// step reports whether x is y plus a non-zero constant.
	step := func(x, y ssa.Value) bool {
		add, ok := x.(*ssa.BinOp)
		if !ok || add.Op != token.ADD || add.X != y {
			return false
		}
		k, ok := add.Y.(*ssa.Const)
		return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Sign(k.Value) != 0
	}
	if phi, ok := v.(*ssa.Phi); ok && phi.Block() == be.header && back < len(phi.Edges) {
		return step(phi.Edges[back], phi) // i == C now, i+k next
	}
	if add, ok := v.(*ssa.BinOp); ok && add.Op == token.ADD {
		if phi, ok := add.X.(*ssa.Phi); ok && phi.Block() == be.header && back < len(phi.Edges) {
			return phi.Edges[back] == v && step(v, phi) // phi+k == C now, C+k next
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
	return testedOnPath(v, path)
}

// testedOnPath evaluates v by a test of it that the path passes: the side
// of the branch the path takes says what v is. `for !ok { mu.Lock(); ok =
// s.free; if !ok { mu.Unlock() } }` comes round from the Lock only on
// the side of `if !ok` where ok is true, so the loop's test of it ends
// the loop there.
func testedOnPath(v ssa.Value, path []*ssa.BasicBlock) (bool, bool) {
	for i := 0; i+1 < len(path); i++ {
		b := path[i]
		if len(b.Instrs) == 0 || len(b.Succs) != 2 || b.Succs[0] == b.Succs[1] {
			continue
		}
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		k, val, ok := condOf(ifi.Cond)
		if !ok || k.isNil || k.field != 0 || k.v != v {
			continue
		}
		return val == (path[i+1] == b.Succs[0]), true
	}
	return false, false
}
