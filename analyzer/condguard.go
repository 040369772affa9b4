package analyzer

import (
	"go/token"
	"iter"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A Cond.Wait guarded by a condition read under the lock.
//
// A wakeup is lost when the Signal falls between the waiter's check of its
// condition and its Wait: the waiter saw the old state, and the signaller
// had already signalled when the waiter started waiting. That window exists
// only when the lock is free somewhere between the check and the Wait (the
// check made before the Lock, or the lock let go and taken again), or when
// there is no check at all (a bare Wait misses a Signal sent before the
// waiter took the lock). When the waiter reads the state its branch tests
// while holding a lock it then keeps, by its own Lock call and with nothing
// between that may release it, until Wait releases it atomically, a
// signaller that changes that state under the lock cannot run in between;
// one that changes it without the lock races, and a loop would not help
// it either. Such a Wait loses no wakeup, loop or not.
//
// The lock kept is taken for the Cond's L: Wait panics unless c.L is held,
// and a function that holds some other lock across the check and the Wait
// while its caller holds c.L is not a shape the model tells apart (it
// stays silent on it, the side of fewer claims).

// checkedUnderLock reports whether the Wait o, with the lockset st at it,
// runs only under a branch whose condition reads state (a load or a call)
// after an acquisition, by a Lock call of this function, of a lock held at
// the Wait on every path, with no operation that may release or take a
// lock, or wait, on any path from that acquisition to the Wait.
func (fa *fnAnalysis) checkedUnderLock(st *lockState, o *op) bool {
	if fa.deferring {
		return false
	}
	wait := o.instr
	var held []heldLock
	for _, h := range st.sortedHeld() {
		if h.must && h.local && !h.doubtful && !h.untold && h.mode != Once {
			held = append(held, h)
		}
	}
	for guard := range guardingIfs(wait.Block()) {
		// A test of parameters and locals reads no state a signaller
		// changes; a select's dispatch reads none either. A branch
		// further up may.
		for _, r := range condReads(guard.Cond) {
			for _, h := range held {
				if acq := fa.lockOpAt(h.pos); acq != nil && instrBefore(acq.instr, r) && fa.keptFrom(acq.instr, wait, h.ref) {
					return true
				}
			}
		}
	}
	return false
}

// guardingIfs yields, nearest first, the branches b's execution depends
// on: the dominators of b ending in an If one of whose successors
// dominates b and the other does not. None for a block every path from
// the entry reaches (a bare Wait).
func guardingIfs(b *ssa.BasicBlock) iter.Seq[*ssa.If] {
	return func(yield func(*ssa.If) bool) {
		for d := b.Idom(); d != nil; d = d.Idom() {
			ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
			if !ok {
				continue
			}
			if t, f := d.Succs[0].Dominates(b), d.Succs[1].Dominates(b); t != f && !yield(ifi) {
				return
			}
		}
	}
}

// condReads are the instructions a branch condition is computed from that
// read state another goroutine may change: loads and calls (a method that
// reads its object). Operands are followed through arithmetic, comparisons,
// conversions, field and index selections and builtins; not through phis,
// parameters or captured variables, whose values were fixed elsewhere.
func condReads(cond ssa.Value) []ssa.Instruction {
	var out []ssa.Instruction
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op == token.MUL {
				out = append(out, x)
			}
			if x.Op != token.ARROW {
				walk(x.X)
			}
		case *ssa.Call:
			if _, builtin := x.Call.Value.(*ssa.Builtin); !builtin {
				out = append(out, x)
			}
			for _, a := range x.Call.Args {
				walk(a)
			}
		case *ssa.BinOp:
			walk(x.X)
			walk(x.Y)
		case *ssa.Convert:
			walk(x.X)
		case *ssa.ChangeType:
			walk(x.X)
		case *ssa.Extract:
			walk(x.Tuple)
		case *ssa.Field:
			walk(x.X)
		case *ssa.FieldAddr:
			walk(x.X)
		case *ssa.Index:
			walk(x.X)
			walk(x.Index)
		case *ssa.IndexAddr:
			walk(x.X)
			walk(x.Index)
		case *ssa.Lookup:
			walk(x.X)
			walk(x.Index)
		}
	}
	walk(cond)
	return out
}

// lockOpAt is this function's own Lock or RLock call at pos, if any.
func (fa *fnAnalysis) lockOpAt(pos token.Pos) *op {
	if !pos.IsValid() {
		return nil
	}
	for _, b := range fa.fn.Blocks {
		for _, o := range fa.ops[b] {
			if (o.kind == OpLock || o.kind == OpRLock) && o.pos() == pos {
				return o
			}
		}
	}
	return nil
}

// keptFrom reports whether no operation on any path from the acquisition
// acq of the lock held to the instruction to may release it or wait: no
// Unlock of a lock that may be it, no Cond.Wait or Once.Do, no call nothing
// resolves that is handed a lock, and no call of a callee that releases a
// lock that may be it. Another lock taken and let go in between (a logger's
// own mutex) opens no window on this one: the claim of a lost wakeup needs
// a release the model can show of the lock the check was made under.
func (fa *fnAnalysis) keptFrom(acq, to ssa.Instruction, held Ref) bool {
	between := blocksBetween(acq.Block(), to.Block())
	for b := range between {
		started := b != acq.Block()
		for _, o := range fa.ops[b] {
			if b == to.Block() && o.instr == to {
				break
			}
			if !started {
				started = o.instr == acq
				continue
			}
			if !fa.keepsLock(o, held) {
				return false
			}
		}
	}
	return true
}

// keepsLock reports whether the op o certainly leaves the lock held held
// (it may block on a channel or on another lock; that is not a release).
func (fa *fnAnalysis) keepsLock(o *op, held Ref) bool {
	switch o.kind {
	case OpUnlock, OpRUnlock:
		return !fa.r.resolve(o.recv).Class.mayAlias(held.Class)
	case OpLock, OpRLock, OpTryLock, OpTryRLock:
		return true
	case OpCondWait, OpOnceDo, OpRunDefers:
		return false
	case OpCall:
		if len(o.site.Callees) == 0 {
			// Code out of sight keeps the locks unless it is handed one:
			// the claim of a window needs a release the model can show.
			return !handsLockOrCond(o.site.Instr.Common())
		}
		for ref, ok := range fa.calleeReleases(o.site, o.site.Callees) {
			if !ok || ref.Class.mayAlias(held.Class) {
				return false
			}
		}
	}
	return true
}

// handsLockOrCond reports whether the call c is given (as an argument or
// its receiver) a mutex, a sync.Locker or a Cond, which it could release.
func handsLockOrCond(c *ssa.CallCommon) bool {
	for _, v := range append([]ssa.Value{c.Value}, c.Args...) {
		for _, name := range []string{"Mutex", "RWMutex", "Locker", "Cond"} {
			if isSyncType(v.Type(), name) {
				return true
			}
		}
	}
	return false
}

// blocksBetween are the blocks on some path from from to to: reachable
// from from and reaching to (both included).
func blocksBetween(from, to *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	fwd := reachableFrom(from)
	back := reach(to, func(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Preds })
	out := map[*ssa.BasicBlock]bool{}
	for b := range fwd {
		if back[b] {
			out[b] = true
		}
	}
	return out
}

// signalledAfterRelease reports whether no Signal or Broadcast of the Cond
// that the bare Wait w waits on can run before the Wait has released the
// lock: the Cond is this function's own and stays in sight (c), the
// function never signals it itself, and every goroutine that does is
// started here, after an acquisition of a lock the function keeps until
// the Wait, and signals only while holding that lock. Such a signaller
// takes the lock only once Wait lets it go, so its wakeup cannot come
// first (`mu.Lock(); go func() { mu.Lock(); ...; c.Signal(); mu.Unlock()
// }(); c.Wait()`): a hand-off, not a lost wakeup.
func (fa *fnAnalysis) signalledAfterRelease(c Ref, w ChanOp) bool {
	if fa.deferring || len(w.Chain) != 1 || w.block == nil {
		return false
	}
	k := c.key()
	at, ok := fa.ps.tokenPos(w.Chain[0].Pos)
	if !ok {
		return false
	}
	var wait ssa.Instruction
	for _, o := range fa.ops[w.block] {
		if o.kind == OpCondWait && o.pos() == at {
			wait = o.instr
		}
	}
	if wait == nil {
		return false
	}
	for _, op := range fa.sum.Chans {
		if op.Ref.key() == k && (op.Kind == OpCondSignal || op.Kind == OpCondBroadcast) {
			return false
		}
	}
	signallers := 0
	for i := range fa.sum.Spawns {
		s := &fa.sum.Spawns[i]
		var signals []ChanOp
		for _, op := range s.Ops {
			if op.Ref.key() == k && (op.Kind == OpCondSignal || op.Kind == OpCondBroadcast) {
				signals = append(signals, op)
			}
		}
		if len(signals) == 0 {
			continue
		}
		g := fa.goAt(fa.spawnPos(s))
		if len(s.Chain) != 1 || g == nil || !instrBefore(g, wait) || !fa.keptAcross(w.Held, g, wait, signals) {
			return false
		}
		signallers++
	}
	return signallers > 0
}

// keptAcross reports whether one of the locks held at the Wait wait was
// taken by this function before the go statement g, kept from there to the
// Wait, and is held at each of signals.
func (fa *fnAnalysis) keptAcross(held []Ref, g, wait ssa.Instruction, signals []ChanOp) bool {
	for _, h := range held {
		atAll := true
		for _, sig := range signals {
			atAll = atAll && slices.ContainsFunc(sig.Held, func(r Ref) bool { return r.key() == h.key() })
		}
		if !atAll {
			continue
		}
		for _, b := range fa.fn.Blocks {
			for _, o := range fa.ops[b] {
				if o.kind == OpLock && instrBefore(o.instr, g) && fa.r.resolve(o.recv).key() == h.key() && fa.keptFrom(o.instr, wait, h) {
					return true
				}
			}
		}
	}
	return false
}

// goAt is this function's own go statement at pos, if any.
func (fa *fnAnalysis) goAt(pos token.Pos) ssa.Instruction {
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && g.Pos() == pos {
				return g
			}
		}
	}
	return nil
}
