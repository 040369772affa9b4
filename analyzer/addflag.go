package analyzer

import (
	"go/constant"
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// An Add that a stop flag orders before the Wait.
//
//	func (s *server) serve(ln net.Listener) { // run as a goroutine
//		s.mu.Lock()
//		if s.shutdown { s.mu.Unlock(); return }
//		s.wg.Add(1)
//		s.mu.Unlock()
//		defer s.wg.Done()
//		...
//	}
//	func (s *server) close() {
//		s.mu.Lock()
//		s.shutdown = true
//		s.mu.Unlock()
//		s.wg.Wait()
//	}
//
// The Add runs under s.mu, only after reading the flag false there; the
// waiter sets the flag under s.mu before it waits. An Add that takes the
// lock first runs before the flag is set, so before the Wait; one that
// takes it after reads true and adds nothing. Either way no Add races with
// the Wait (net/http's trackListener).

// addStopped reports whether the Add a (inside a goroutine) runs only on
// the false side of a test of a bool field made under a lock a holds,
// which the function of the Wait w (fa's or a callee's) sets true, under
// that lock, before the Wait.
func (fa *fnAnalysis) addStopped(a, w ChanOp) bool {
	ps := fa.ps
	if len(a.Held) == 0 || len(w.Chain) == 0 {
		return false
	}
	last := w.Chain[len(w.Chain)-1] // the Wait, in fa's function or a callee of it
	waitFn := ps.funcNamed(last.Func)
	if waitFn == nil {
		return false
	}
	waits := ps.instrsAt(waitFn, last.Pos)
	// The test may be made in any frame on the way from the goroutine's
	// body to the Add (`go func() { errc <- s.Serve(c) }()`, Serve testing
	// the flag): each hop is a call, or the Add, in the frame of its Func.
	for _, hop := range afterSpawn(a.Chain) {
		if fn := ps.funcNamed(hop.Func); fn != nil && fa.addStoppedAt(side{fn: fn, pos: hop.Pos}, a, waitFn, waits) {
			return true
		}
	}
	return false
}

// addStoppedAt is addStopped's test in one frame of the Add's chain: the
// instruction at at (the Add, or the call that reaches it) is dominated by
// the false side of the flag's test, read under a lock the Add holds.
func (fa *fnAnalysis) addStoppedAt(at side, a ChanOp, waitFn *ssa.Function, waits []ssa.Instruction) bool {
	ps := fa.ps
	for _, add := range ps.instrsAt(at.fn, at.pos) {
		for _, br := range dominatingBranches(add.Block()) {
			cond, took := br.cond, br.took
			for {
				u, ok := cond.(*ssa.UnOp)
				if !ok || u.Op != token.NOT {
					break
				}
				cond, took = u.X, !took
			}
			ld, ok := cond.(*ssa.UnOp)
			if !ok || ld.Op != token.MUL || took {
				continue
			}
			f, ok := ld.X.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			flag := fieldClass(f.X.Type(), fieldName(f.X.Type(), f.Field), Class{}).Key
			for _, l := range a.Held {
				if l.Class.known() && lockedBefore(at.fn, ld, l.Class.Key, ps.pass.Fset) && ps.setUnder(waitFn, flag, l.Class.Key, waits) {
					return true
				}
			}
		}
	}
	return false
}

// lockedBefore reports whether a Lock of a mutex of class lk comes before
// instr on every path of fn (in a block that dominates it, or earlier in
// its own), with no Unlock of that class between in that block.
func lockedBefore(fn *ssa.Function, instr ssa.Instruction, lk string, fset *token.FileSet) bool {
	r := newResolver(fn, fset)
	for b := instr.Block(); b != nil; b = b.Idom() {
		end := len(b.Instrs)
		if b == instr.Block() {
			for i, in := range b.Instrs {
				if in == instr {
					end = i
				}
			}
		}
		for i := end - 1; i >= 0; i-- {
			c, ok := b.Instrs[i].(*ssa.Call)
			if !ok || !lockCall(&c.Call) || len(c.Call.Args) == 0 || r.resolve(c.Call.Args[0]).Class.Key != lk {
				continue
			}
			name, _ := calleeName(&c.Call)
			return syncAPI[name].op == OpLock
		}
	}
	return false
}

// setUnder reports whether fn stores true into the bool field of class
// flag while a Lock of class lk is the last lock call before it on its
// way, before each of the waits (instructions of fn).
func (ps *passState) setUnder(fn *ssa.Function, flag, lk string, waits []ssa.Instruction) bool {
	if len(waits) == 0 {
		return false
	}
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			st, ok := in.(*ssa.Store)
			if !ok {
				continue
			}
			f, ok := st.Addr.(*ssa.FieldAddr)
			c, isConst := st.Val.(*ssa.Const)
			if !ok || !isConst || c.Value == nil || c.Value.Kind() != constant.Bool || !constant.BoolVal(c.Value) ||
				fieldClass(f.X.Type(), fieldName(f.X.Type(), f.Field), Class{}).Key != flag || !lockedBefore(fn, st, lk, ps.pass.Fset) {
				continue
			}
			before := true
			for _, w := range waits {
				before = before && instrBefore(st, w)
			}
			if before {
				return true
			}
		}
	}
	return false
}

// addHandedBefore reports whether the function of the Wait w receives,
// before w on every path and in its own frame, from a channel that only
// the goroutine s of the Add a feeds, and only after that Add on every
// path of its body: `go func() { wg.Add(1); defer wg.Done(); started <- x
// }(); <-started; wg.Wait()`. The receive cannot return before the Add
// has run, so the Wait comes after it.
func (fa *fnAnalysis) addHandedBefore(s *Spawn, a, w ChanOp) bool {
	ps := fa.ps
	if len(w.Chain) != 1 {
		return false
	}
	at := ps.chainSide(a.Chain)
	if at.fn == nil {
		return false
	}
	adds := ps.instrsAt(at.fn, at.pos)
	waits := ps.instrsAt(fa.fn, w.Chain[0].Pos)
	if len(adds) == 0 || len(waits) == 0 {
		return false
	}
	for _, r := range fa.sum.Chans {
		if r.Kind != OpRecv || len(r.Chain) != 1 || r.Alt || r.NonBlocking || r.Deferred {
			continue
		}
		recvs := ps.instrsAt(fa.fn, r.Chain[0].Pos)
		if len(recvs) == 0 || !allBefore(recvs, waits) {
			continue
		}
		if fa.fedOnlyBy(r.Ref.key(), s) && ps.feedsAfter(s, r.Ref.key(), at.fn, adds) {
			return true
		}
	}
	return false
}

// allBefore reports whether every instruction of xs comes before every one
// of ys on every path.
func allBefore(xs, ys []ssa.Instruction) bool {
	for _, x := range xs {
		for _, y := range ys {
			if !instrBefore(x, y) {
				return false
			}
		}
	}
	return true
}

// fedOnlyBy reports whether the goroutine s is the one that sends on or
// closes the channel k: neither the function nor another goroutine it
// starts does, and s is not started in a loop.
func (fa *fnAnalysis) fedOnlyBy(k string, s *Spawn) bool {
	if s.Loop {
		return false
	}
	feeds := func(ops []ChanOp) bool {
		return slices.ContainsFunc(ops, func(c ChanOp) bool { return (c.Kind == OpSend || c.Kind == OpClose) && c.Ref.key() == k })
	}
	if feeds(fa.sum.Chans) || !feeds(s.Ops) {
		return false
	}
	for i := range fa.sum.Spawns {
		if o := &fa.sum.Spawns[i]; o != s && feeds(o.Ops) {
			return false
		}
	}
	return true
}

// feedsAfter reports whether every send on or close of k by the goroutine
// s runs in fn, the body that Adds (adds), after an Add on every path.
func (ps *passState) feedsAfter(s *Spawn, k string, fn *ssa.Function, adds []ssa.Instruction) bool {
	n := 0
	for _, c := range s.Ops {
		if c.Kind != OpSend && c.Kind != OpClose || c.Ref.key() != k {
			continue
		}
		at := ps.chainSide(c.Chain)
		if at.fn != fn {
			return false
		}
		for _, f := range ps.instrsAt(fn, at.pos) {
			if !slices.ContainsFunc(adds, func(a ssa.Instruction) bool { return instrBefore(a, f) }) {
				return false
			}
			n++
		}
	}
	return n > 0
}
