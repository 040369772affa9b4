package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Cond-guarded flags as happens-before edges.
//
// A goroutine and its starter often order their work with a local flag
// under a sync.Cond instead of a channel: `for !done { cond.Wait() }`.
// The loop is left only once the flag reads true, so when the flag is
// set to true in one place only, everything before that store happens
// before everything after the loop. Two orders of this kind serialise the
// sides of a cross-goroutine claim as a channel gate does (gatedAfter,
// joinedBefore):
//   - the starter waits on the flag, the goroutine sets it as its last
//     signal (no lock taken after it): the goroutine's locking is over
//     (condJoined);
//   - the goroutine begins by waiting on the flag (after taking the
//     Cond's lock), the starter sets it only after then: the goroutine's
//     work starts after then has returned (condGatedAfter).
//
// Only variables of the starter's frame count: their every store is in
// sight (the starter's and the one closure's), where a field may be set
// by any method.

// A condLoop is `for !flag { c.Wait() }` over a local variable's cell.
type condLoop struct {
	head *ssa.BasicBlock // loads the flag and branches on it
	exit *ssa.BasicBlock // where the loop goes when the flag is true
	cell ssa.Value       // the flag's cell: an Alloc, or a free variable
}

// condLoopAt reports the loop whose head is b, when b ends in a branch on
// a load of a cell, the false edge leads to a Cond.Wait that leads back to
// b, and the true edge leaves the loop.
func condLoopAt(b *ssa.BasicBlock) (condLoop, bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return condLoop{}, false
	}
	ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return condLoop{}, false
	}
	cond, onTrue, onFalse := ifi.Cond, b.Succs[0], b.Succs[1]
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, onTrue, onFalse = not.X, onFalse, onTrue
	}
	load, ok := cond.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return condLoop{}, false
	}
	switch load.X.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
	default:
		return condLoop{}, false
	}
	if onTrue == b || reachesBlock(onTrue, b) || !waitsBefore(onFalse, b) {
		return condLoop{}, false
	}
	return condLoop{head: b, exit: onTrue, cell: load.X}, true
}

// waitsBefore reports whether every path from the block from back to head
// calls Cond.Wait: the loop's body waits before it tests again.
func waitsBefore(from, head *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	var walk func(b *ssa.BasicBlock) bool
	walk = func(b *ssa.BasicBlock) bool {
		if b == head {
			return false
		}
		if seen[b] {
			return true
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && syncOp(c.Common()) == OpCondWait {
				return true
			}
		}
		if len(b.Succs) == 0 {
			return true // a path that ends (panics, returns) does not test again
		}
		for _, s := range b.Succs {
			if !walk(s) {
				return false
			}
		}
		return true
	}
	return reachesBlock(from, head) && walk(from)
}

// condJoined reports whether s, after starting the goroutine at g, waits
// in a Cond loop whose exit comes before then on every path, on a flag of
// its own frame that only that goroutine sets to true, as its last signal
// (see lastSignals: no lock taken after the store). s itself only ever
// stores false in it.
func (ps *passState) condJoined(s *ssa.Function, g, then ssa.Instruction, nestingOnly bool) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	if body == nil {
		return false
	}
	for _, b := range s.Blocks {
		l, ok := condLoopAt(b)
		if !ok || !instrBefore(g, b.Instrs[0]) || !l.exit.Dominates(then.Block()) {
			continue
		}
		a, ok := l.cell.(*ssa.Alloc)
		if !ok || !onlyClosure(a, gi, func(st *ssa.Store) bool { return isConstBool(false)(st.Val) }) {
			continue
		}
		stores, ok := bodyStores(body, bound, a, true)
		if !ok || len(stores) == 0 {
			continue
		}
		if ps.lastIn(body, stores, nestingOnly) {
			return true
		}
	}
	return false
}

// lastIn reports whether no lock is taken after any of the instructions
// at of the goroutine body that g starts, which starts no goroutine.
func (ps *passState) lastIn(body *ssa.Function, at []ssa.Instruction, nestingOnly bool) bool {
	acqs, ok := ps.bodyAcquisitions(body, nestingOnly)
	if !ok {
		return false
	}
	for _, e := range at {
		for _, x := range acqs {
			if instrReaches(e, x) {
				return false
			}
		}
	}
	return true
}

// condGatedAfter reports whether the goroutine that g starts begins (after
// taking locks only) with a Cond loop on a flag of the starter's frame
// that it never stores, and that the starter sets to anything but false
// only where then is not reached after.
func condGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	l, ok := firstCondLoop(body)
	if !ok {
		return false
	}
	a, ok := bound[l.cell].(*ssa.Alloc)
	if !ok || a.Parent() != gi.Parent() {
		return false
	}
	opens := 0
	if !onlyClosure(a, gi, func(st *ssa.Store) bool {
		if isConstBool(false)(st.Val) {
			return true
		}
		opens++
		return !instrReaches(st, then)
	}) {
		return false
	}
	stores, ok := bodyStores(body, bound, a, false)
	return ok && len(stores) == 0 && opens > 0
}

// firstCondLoop returns the Cond loop the body enters first, when
// nothing before it but lock calls acts.
func firstCondLoop(body *ssa.Function) (condLoop, bool) {
	if body == nil || len(body.Blocks) == 0 {
		return condLoop{}, false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	for b := body.Blocks[0]; !seen[b]; {
		seen[b] = true
		if l, ok := condLoopAt(b); ok {
			return l, true
		}
		var next *ssa.BasicBlock
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.DebugRef, *ssa.FieldAddr:
			case *ssa.UnOp:
				if x.Op != token.MUL {
					return condLoop{}, false
				}
			case *ssa.Call:
				switch syncOp(x.Common()) { // a mutex's, or a Cond's L
				case OpLock, OpRLock, OpUnlock, OpRUnlock:
				default:
					return condLoop{}, false
				}
			case *ssa.Jump:
				next = b.Succs[0]
			default:
				return condLoop{}, false
			}
		}
		if next == nil {
			return condLoop{}, false
		}
		b = next
	}
	return condLoop{}, false
}

// onlyClosure reports whether the cell a is used only by loads, by stores
// that store accepts, and by the closure that gi starts.
func onlyClosure(a *ssa.Alloc, gi *ssa.Go, store func(*ssa.Store) bool) bool {
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if r.Addr != a || !store(r) {
				return false
			}
		case *ssa.MakeClosure:
			if gi.Call.Value != r {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// bodyStores returns the stores of the goroutine body to its free variable
// bound to the cell a; not ok when it uses that variable otherwise than to
// load it or to store want in it (another closure, say).
func bodyStores(body *ssa.Function, bound map[ssa.Value]ssa.Value, a *ssa.Alloc, want bool) ([]ssa.Instruction, bool) {
	var out []ssa.Instruction
	for _, fv := range body.FreeVars {
		if bound[fv] != a {
			continue
		}
		for _, r := range *fv.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return nil, false
				}
			case *ssa.Store:
				if r.Addr != fv || !isConstBool(want)(r.Val) {
					return nil, false
				}
				out = append(out, r)
			default:
				return nil, false
			}
		}
	}
	return out, true
}
