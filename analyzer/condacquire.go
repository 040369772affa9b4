package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Conditional lock helpers decided by their callers.
//
// `lock := func() { if needLock { mu.Lock() } }` and
// `func lockIf(need bool) { if !need { return }; mu.Lock() }` return holding
// a lock on some paths and not on others, and which is decided by a
// parameter (or a captured variable) that each call sets: they take the
// lock for callers that ask for it, and the lockset of each call site
// decides the guard (see decideGuards). Such a split is not a forgotten
// unlock when, with a witness for each step:
//
//   - the paths that return without the lock never took it (none of them
//     is reachable from the acquisition): a lock taken and then released
//     on one branch only is the bug this is not;
//   - one tracked test of a parameter or captured variable has one value on
//     every path that keeps the lock and the other on every path that does
//     not;
//   - the function can be called: a goroutine body hands its locks to
//     nobody, so its split stays a finding.

// callerDecides reports whether the lock acquired in block acq, held in the
// states kept and absent from the states free (reached from the blocks
// freeAt), is such a helper's.
func (fa *fnAnalysis) callerDecides(acq *ssa.BasicBlock, kept, free []*lockState, freeAt []*ssa.BasicBlock) bool {
	if acq == nil || fa.conds == nil || len(kept) == 0 || onlySpawned(fa.fn) {
		return false
	}
	if !neverAcquiredOn(acq, freeAt) {
		return false
	}
	for i, k := range fa.conds.keys {
		if !guardable(k.v) {
			continue
		}
		g := condGuard{set: true, idx: uint8(i), val: true}
		known, yes := kept[0].holds(g)
		if !known {
			continue
		}
		g.val = yes
		if allKnow(kept, g, true) && allKnow(free, g, false) {
			return true
		}
	}
	return false
}

// neverAcquiredOn reports whether no path from the acquisition in block acq
// reaches the returns in blocks freeAt.
func neverAcquiredOn(acq *ssa.BasicBlock, freeAt []*ssa.BasicBlock) bool {
	if acq == nil {
		return false
	}
	reach := reachableFrom(acq)
	for _, b := range freeAt {
		if b == nil || reach[b] {
			return false
		}
	}
	return true
}

// releasedByEscapingClosure reports whether a function literal of this
// function that releases a lock of the class leaves it other than by a
// direct call: passed to a call, stored, or captured by another closure
// that is (`unblock := func() { mu.Unlock() }; commit(ctx, unblock)`).
// Whoever calls it releases the lock, when and on which paths is more than
// the model follows, so no path is claimed to keep the lock.
func (fa *fnAnalysis) releasedByEscapingClosure(class Class) bool {
	if !class.known() {
		return false
	}
	for _, anon := range fa.fn.AnonFuncs {
		sum := fa.ps.summary(anon)
		if sum == nil || !escapes(fa.fn, anon) {
			continue
		}
		for _, r := range sum.Releases {
			if r.Class.known() && r.Class.Key == class.Key {
				return true
			}
		}
	}
	return false
}

// escapes reports whether the function literal anon of parent is used other
// than as the callee of a call, defer or go statement in parent.
func escapes(parent, anon *ssa.Function) bool {
	for _, u := range literalUses(parent, anon) {
		if c, ok := u.instr.(ssa.CallInstruction); !ok || c.Common().Value != u.val {
			return true
		}
	}
	return false
}

// allKnow reports whether every state knows g's condition, with g's value
// (want) or with the other one.
func allKnow(states []*lockState, g condGuard, want bool) bool {
	for _, st := range states {
		if known, yes := st.holds(g); !known || yes != want {
			return false
		}
	}
	return true
}

// reachableFrom returns the blocks reachable from b, b included.
func reachableFrom(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	return reach(b, func(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Succs })
}

// reach returns the blocks reachable from start by next (its successors,
// or its predecessors for the blocks that reach start), start included.
func reach(start *ssa.BasicBlock, next func(*ssa.BasicBlock) []*ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	seen := map[*ssa.BasicBlock]bool{start: true}
	work := []*ssa.BasicBlock{start}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range next(b) {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return seen
}

// onlySpawned reports whether fn is a function literal that its enclosing
// function only ever starts as a goroutine.
func onlySpawned(fn *ssa.Function) bool {
	if fn.Parent() == nil {
		return false
	}
	uses := literalUses(fn.Parent(), fn)
	for _, u := range uses {
		if g, ok := u.instr.(*ssa.Go); !ok || g.Call.Value != u.val {
			return false
		}
	}
	return len(uses) > 0
}

// A litUse is an instruction of the enclosing function that uses a function
// literal's value val: its closure, or the function itself when it
// captures nothing.
type litUse struct {
	instr ssa.Instruction
	val   ssa.Value
}

// literalUses lists the uses of the function literal fn in parent (debug
// references aside).
func literalUses(parent, fn *ssa.Function) []litUse {
	var uses []litUse
	var ops []*ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok {
				if mc.Fn == fn {
					for _, r := range *mc.Referrers() {
						if _, dbg := r.(*ssa.DebugRef); !dbg {
							uses = append(uses, litUse{r, mc})
						}
					}
				}
				continue
			}
			if _, dbg := instr.(*ssa.DebugRef); dbg {
				continue
			}
			for _, op := range instr.Operands(ops[:0]) {
				if *op == fn {
					uses = append(uses, litUse{instr, fn})
				}
			}
		}
	}
	return uses
}

// readableSplit reports whether the branch that splits the blocks kept
// (holding the lock acquired in acq) and freed (without it) tests state a
// caller can read as well (callerReadable), and no path from the
// acquisition reaches freed: the lock is taken exactly when that state
// says so.
func readableSplit(acq, kept, freed *ssa.BasicBlock) bool {
	if acq == nil || !neverAcquiredOn(acq, []*ssa.BasicBlock{freed}) {
		return false
	}
	d := kept
	for d != nil && !d.Dominates(freed) {
		d = d.Idom()
	}
	if d == nil || len(d.Instrs) == 0 {
		return false
	}
	ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	c := ifi.Cond
	if not, ok := c.(*ssa.UnOp); ok && not.Op == token.NOT {
		c = not.X
	}
	if cmp, ok := c.(*ssa.BinOp); ok && (cmp.Op == token.EQL || cmp.Op == token.NEQ) {
		if _, k := cmp.Y.(*ssa.Const); k {
			c = cmp.X
		} else if _, k := cmp.X.(*ssa.Const); k {
			c = cmp.Y
		}
	}
	return callerReadable(c) || resultTells(c) || comparesArguments(c)
}

// comparesArguments reports whether c compares two of the function's
// parameters: values the caller passed, can compare as well, and that
// nothing changes after the call (unlike state it loads, which another
// goroutine may change before the caller looks; a parameter tested against
// a constant is callerDecides'). `if a == b { a.mu.Lock() } else { a.mu.Lock();
// b.mu.Lock() }` takes b's lock exactly when the two differ, and the helper
// that unlocks the pair tests the same.
func comparesArguments(c ssa.Value) bool {
	cmp, ok := c.(*ssa.BinOp)
	if !ok {
		return false
	}
	switch cmp.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return false
	}
	_, x := cmp.X.(*ssa.Parameter)
	_, y := cmp.Y.(*ssa.Parameter)
	return x && y
}

// resultTells reports whether the function hands the tested value c back
// with what it returns: c is a field of an object it allocated and
// returns, or it goes into a returned object (stored in one of its fields,
// or given to the call that makes it). `txn.write = w; if txn.write {
// db.wmu.Lock() } else { db.rmu.RLock() }; return txn`: whoever ends the
// transaction reads which lock to release from it.
func resultTells(c ssa.Value) bool {
	if ld, ok := c.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if a, ok := addrRoot(ld.X).(*ssa.Alloc); ok && a.Heap && returned(a, 0) {
			return true
		}
	}
	refs := c.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Call:
			if returned(r, 0) {
				return true
			}
		case *ssa.Store:
			if f, ok := r.Addr.(*ssa.FieldAddr); ok && r.Val == c {
				if a, ok := f.X.(*ssa.Alloc); ok && returned(a, 0) {
					return true
				}
			}
		}
	}
	return false
}

// returned reports whether v is returned, as it is or converted (to an
// interface, another named type).
func returned(v ssa.Value, depth int) bool {
	refs := v.Referrers()
	if refs == nil || depth > 3 {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Return:
			return true
		case *ssa.MakeInterface, *ssa.ChangeType:
			if returned(r.(ssa.Value), depth+1) {
				return true
			}
		}
	}
	return false
}

// callerReadable reports whether v is a load of state a caller can read as
// well: a field reached from a parameter or captured variable through
// fields (and pointers stored in them), or a package variable.
func callerReadable(v ssa.Value) bool {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	x := ld.X
	for {
		switch y := x.(type) {
		case *ssa.FieldAddr:
			x = y.X
			continue
		case *ssa.UnOp:
			if y.Op == token.MUL {
				x = y.X
				continue
			}
		case *ssa.Global:
			return true
		}
		break
	}
	return guardable(x)
}
