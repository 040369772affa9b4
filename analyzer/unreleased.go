package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// finishSummary derives, from the states at the function's returns, the
// locks it leaves held (on every return: a "returns locked" helper), the
// caller's locks it releases, the locks it may leave held for its callers
// (CondHeld), and — in the final pass — reports the locks it leaves held on
// some returns but not others. CondHeld is derived in the passes of a
// recursive component's fixed point too: the component's other functions,
// visited before this one in the final pass, see it only so.
func (fa *fnAnalysis) finishSummary() {
	var live []exitState
	for _, e := range fa.exits {
		if !e.st.dead {
			live = append(live, e)
		}
	}
	if len(live) == 0 {
		return
	}
	for _, h := range live[0].st.sortedHeld() {
		if h.local && h.must && heldAtAll(live, h.ref.key()) {
			ref := h.ref
			if r, ok := fa.handedRef(ref, live); ok {
				ref = r // held in the object it returns: the caller names it so
			}
			fa.sum.HeldAtExit = append(fa.sum.HeldAtExit, Acquire{Ref: ref, Mode: h.mode, Chain: h.chain, Guess: h.guess})
		}
	}
	for _, h := range live[0].st.sortedHeld() {
		// held for the callers that ask (keeplocked.go)
		if h.local && !heldAtAll(live, h.ref.key()) {
			if g, ok := fa.heldWhen(live, h.ref.key()); ok {
				fa.sum.HeldAtExit = append(fa.sum.HeldAtExit, Acquire{Ref: h.ref, Mode: h.mode, Chain: h.chain, Guess: h.guess, Guards: []Guard{g}})
			}
		}
	}
	for _, e := range live {
		for _, r := range e.st.releasedRefs() {
			if _, held := e.st.held[r.key()]; !held {
				fa.sum.Releases = append(fa.sum.Releases, r)
			}
		}
	}
	fa.sum.OncesDone = doneAtAll(live)
	fa.sum.NilResults = nilResults(fa.fn)
	fa.sum.NonNilResults = fa.ps.nonNilResults(fa.fn)
	fa.recordEntryHeld(live) // gates.go
	// A range-over-func body's exits are no returns of a function: its
	// enclosing function reports at its own returns, where the body's
	// exits are applied (rangefunc.go).
	fa.checkUnreleased(live, fa.final && fa.fn.Synthetic != rangeFuncYield)
	if fa.final {
		fa.checkMergedHeld(live) // mergeheld.go
	}
}

// heldAtAll reports whether every exit holds the lock certainly. A lock a
// call on the way may have released out of the lockset's sight (doubtful)
// is no lock the function is known to return holding: its callers would
// claim it left held.
func heldAtAll(exits []exitState, key string) bool {
	for _, e := range exits {
		if h, ok := e.st.held[key]; !ok || !h.must || h.doubtful {
			return false
		}
	}
	return true
}

// checkUnreleased reports each lock this function acquired that is certainly
// held at some return while certainly released at another, and records in
// the summary the locks it leaves maybe held for its callers. With report
// false it records only: nothing is reported or remembered for the pass's
// confirmations (a fixed point's pass, whose states are not the last).
func (fa *fnAnalysis) checkUnreleased(live []exitState, report bool) {
	seen := make(map[string]bool)
	for _, e := range live {
		for _, h := range e.st.sortedHeld() {
			k := h.ref.key()
			if h.condOf != nil && !seen[k] {
				fa.useCondHeld(h, live, report)
			}
			if seen[k] || !h.local || !heldOnPath(h) || h.mode == Once {
				continue
			}
			seen[k] = true
			var held, free []exitState
			for _, x := range live {
				if xh, ok := x.st.held[k]; ok && heldOnPath(xh) {
					held = append(held, x)
				} else if !ok {
					free = append(free, x)
				}
			}
			if len(free) == 0 {
				fa.checkErrorReturns(h, held)
				continue
			}
			if _, asked := fa.heldWhen(live, k); asked {
				continue // kept for the callers that ask (keeplocked.go)
			}
			// A return that hands back a function with the lock held
			// hands over the unlocker (return data, mu.Unlock); one that
			// hands back none with the lock held keeps it.
			_, keeping := splitHandsBack(fa.fn, held)
			keeping = handsBackHandle(fa.fn, h, keeping)
			if report && h.condOf != nil && len(resultTests(fa.fn, held, free)) > 0 {
				// A conditional helper's lock that this caller passes on to
				// its own callers as a conditional helper in turn: it treats
				// the helper as one.
				fa.ps.unlockAfter(h.condOf)
			}
			held = takenByCallers(fa, keeping)
			acq := acquiredIn(fa.fn, h.pos)
			if len(held) == 0 || fa.callerDecides(acq, exitStates(held), exitStates(free), exitBlocks(free)) ||
				fa.releasedByEscapingClosure(h.ref.Class) {
				continue
			}
			tests := resultTests(fa.fn, held, free)
			// A function that takes the lock on some paths, never on the
			// others, and never releases it is a lock helper whose callers
			// pair it with an unlock (a "stop once" that leaves a session
			// locked for a later restart): like a helper whose result says
			// whether it locked, it is reported only when no caller in the
			// package releases the lock after it.
			cond := len(tests) > 0 || resultsTell(fa.fn, held, free) || fa.unlocks[k] == nil && neverAcquiredOn(acq, exitBlocks(free))
			r, handed := fa.handedRef(h.ref, held)
			if cond {
				// A conditional lock helper: callers see the lock as maybe held
				// after the call, certainly held where they test its success;
				// the finding waits for them (see confirmConditional).
				ref := h.ref
				if handed {
					ref = r
				}
				fa.sum.CondHeld = append(fa.sum.CondHeld, Acquire{Ref: ref, Mode: h.mode, Chain: h.chain, Tests: tests, Guess: h.guess})
			}
			if !report {
				continue
			}
			for _, x := range held {
				hx := x.st.held[k]
				released := fa.releasedHop(returnPos(fa.fn, free[0].ret))
				if cond {
					named := handed || (h.ref.rewritable() || h.ref.Base == BaseGlobal) && !h.ref.element()
					fa.ps.condFindings[fa.fn] = append(fa.ps.condFindings[fa.fn], pendingFinding{returnPos(fa.fn, x.ret), h.ref.show(fa.ps.pkgPath), append(append(Chain(nil), hx.chain...), released), h.ref.Class.Key, named})
					continue
				}
				fa.ps.reportUnreleased(returnPos(fa.fn, x.ret), h.ref.show(fa.ps.pkgPath), hx.chain, released)
				f := &fa.ps.findings[len(fa.ps.findings)-1]
				f.kept, f.sentWith = h.ref.Class.Key, fa.sentBefore(x)
			}
		}
	}
}

// takenByCallers keeps the exits whose path some caller may take (see
// callerpaths.go).
func takenByCallers(fa *fnAnalysis, exits []exitState) []exitState {
	var out []exitState
	for _, x := range exits {
		if x.ret == nil || !fa.notTakenByCallers(x.st, x.ret.Block()) {
			out = append(out, x)
		}
	}
	return out
}

// useCondHeld looks at what this function does with a lock a conditional
// helper may have left held (h.condOf): a return that hands back a function
// while it may be held hands the caller its unlocker, so this caller treats
// the helper as one; a function that leaves it maybe held on some return
// (on every one, or only on those that follow the helper's call) and
// releases it nowhere passes it on to its own callers.
func (fa *fnAnalysis) useCondHeld(h heldLock, live []exitState, report bool) {
	var with []exitState
	for _, x := range live {
		if _, ok := x.st.held[h.ref.key()]; ok {
			with = append(with, x)
		}
	}
	if handing, _ := splitHandsBack(fa.fn, with); len(handing) > 0 {
		if report {
			fa.ps.unlockAfter(h.condOf)
		}
	} else if len(with) > 0 && fa.unlocks[h.ref.key()] == nil {
		fa.passOnCondHeld(h, report)
	}
}

// unlockAfter records that a caller of the conditional helper fn releases
// its lock after it (or hands the unlocker on): so do, through it, the
// helpers whose lock fn passed on.
func (ps *passState) unlockAfter(fn *ssa.Function) {
	if ps.unlockedAfter[fn] {
		return
	}
	ps.unlockedAfter[fn] = true
	for _, via := range ps.condVia[fn] {
		ps.unlockAfter(via)
	}
}

// passesOn records that fn leaves the lock of the conditional helper
// helper maybe held for its own callers: a caller that releases it after fn,
// found before or after this, releases it after helper too.
func (ps *passState) passesOn(fn, helper *ssa.Function) {
	ps.condVia[fn] = append(ps.condVia[fn], helper)
	if ps.unlockedAfter[fn] {
		ps.unlockAfter(helper)
	}
}

// passOnCondHeld makes this function a conditional helper of the lock h,
// which a helper it calls may have taken (h.condOf) and which it leaves as
// it is on its returns without releasing it (a migrate(css) that calls
// css.stop(), perhaps only on some paths): its callers see the lock as maybe
// held after calling it, and one that releases it treats the first helper
// as one (see unlockAfter).
func (fa *fnAnalysis) passOnCondHeld(h heldLock, report bool) {
	for _, a := range fa.sum.CondHeld {
		if a.Ref.key() == h.ref.key() {
			return
		}
	}
	fa.sum.CondHeld = append(fa.sum.CondHeld, Acquire{Ref: h.ref, Mode: h.mode, Chain: h.chain, Guess: h.guess})
	if report {
		fa.ps.passesOn(fa.fn, h.condOf)
	}
}

func exitStates(exits []exitState) []*lockState {
	out := make([]*lockState, len(exits))
	for i, x := range exits {
		out[i] = x.st
	}
	return out
}

// exitBlocks returns the blocks of the exits' returns (nil for an exit
// without one).
func exitBlocks(exits []exitState) []*ssa.BasicBlock {
	out := make([]*ssa.BasicBlock, len(exits))
	for i, x := range exits {
		if x.ret != nil {
			out[i] = x.ret.Block()
		}
	}
	return out
}

// heldOnPath reports whether a lock at a return is held on every path, or
// on every path on which a tracked condition has one value (a guard): that
// condition's value is the witness of a path that returns with it held.
// A doubtful lock is neither: a call on the way may have released it out of
// the lockset's sight (a deferred closure a factory returned, a handle's
// Close through a Locker field), so no return is shown to keep it.
func heldOnPath(h heldLock) bool { return (h.must || h.g.set) && !h.doubtful }

// returnPos is where a return is written, or the function's closing brace
// for the implicit return at its end.
func returnPos(fn *ssa.Function, ret *ssa.Return) token.Pos {
	if ret != nil && ret.Pos().IsValid() {
		return ret.Pos()
	}
	switch s := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if s.Body != nil {
			return s.Body.Rbrace
		}
	case *ast.FuncLit:
		return s.Body.Rbrace
	}
	return fn.Pos()
}

func allResults(exits []exitState, i int, pred func(ssa.Value) bool) bool {
	for _, e := range exits {
		if e.ret == nil || i >= len(e.ret.Results) || !pred(returnedValue(e.ret.Block(), e.ret.Results[i])) {
			return false
		}
	}
	return true
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

func isConstBool(want bool) func(ssa.Value) bool {
	return func(v ssa.Value) bool {
		c, ok := v.(*ssa.Const)
		return ok && c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value) == want
	}
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value == nil
}

// pendingFinding is an unreleased finding in a conditional lock helper, kept
// until the package's callers have been seen.
type pendingFinding struct {
	pos   token.Pos
	res   string // the lock left held, as shown
	chain Chain
	kept  string // the class of the lock left held (see dropHandedOver)
	// named: a caller can name the lock (it is reached from a parameter
	// or a package variable, or handed back with a result), and so may
	// unlock it after the call.
	named bool
}

// checkErrorReturns handles a lock held on every return of a function that
// also releases it itself (inside a loop, typically): a return of a non-nil
// error with the lock held is an error path that forgot to unlock, not a
// "returns locked" helper, which would not unlock what it returns holding.
func (fa *fnAnalysis) checkErrorReturns(h heldLock, held []exitState) {
	k := h.ref.key()
	unlockBlock := fa.unlocks[k]
	if unlockBlock == nil {
		return
	}
	res := fa.fn.Signature.Results()
	for _, x := range held {
		for i := 0; i < res.Len(); i++ {
			if !isError(res.At(i).Type()) || x.ret == nil || i >= len(x.ret.Results) || !isNewError(x.ret.Results[i]) {
				continue
			}
			hx := x.st.held[k]
			fa.ps.reportUnreleasedError(returnPos(fa.fn, x.ret), h.ref.show(fa.ps.pkgPath), hx.chain, fa.unlockHop(blockPos(unlockBlock)))
			break
		}
	}
}

// isNewError reports whether v is an error the function makes up itself: a
// sentinel variable or a call to errors.New or fmt.Errorf. An error read
// from a field or returned by a callee may be what a "returns locked"
// helper reports about its state, so it is not taken as proof.
func isNewError(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return isNewError(v.X)
	case *ssa.UnOp:
		_, global := v.X.(*ssa.Global)
		return v.Op == token.MUL && global
	case *ssa.Call:
		if fn := v.Call.StaticCallee(); fn != nil {
			name := fn.String()
			return name == "errors.New" || name == "fmt.Errorf"
		}
	}
	return false
}

// blockPos is the position of a block's first positioned instruction.
func blockPos(b *ssa.BasicBlock) token.Pos {
	for _, instr := range b.Instrs {
		if instr.Pos().IsValid() {
			return instr.Pos()
		}
	}
	return token.NoPos
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// handsBackUnlocker recognises a function that returns, with the lock held,
// a function value that releases it (database/sql's grabConn): the caller
// unlocks by calling what it got back.
func handsBackUnlocker(fn *ssa.Function, held []exitState) bool {
	handing, _ := splitHandsBack(fn, held)
	return len(handing) == len(held) && len(held) > 0
}

// handsBackHelperUnlock reports whether the return ret hands its caller a
// closure that calls the function value the acquiring call at pos returned
// (a lock helper's unlocker: `r, release := t.snapshot()`), the closure
// returned itself or stored in an object the function allocated and
// returns (`return &Cursor{unlock: func() { release() }}`): the caller
// releases the lock through what it got back, on the paths that took it
// as on the others (the closure may test what the branch tested).
func handsBackHelperUnlock(fn *ssa.Function, ret *ssa.Return, pos token.Pos) bool {
	unlockers := make(map[ssa.Value]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Pos() != pos {
				continue
			}
			res := call.Call.Signature().Results()
			for i := range res.Len() {
				if _, isFunc := res.At(i).Type().Underlying().(*types.Signature); isFunc {
					if v := resultValue(call, i); v != nil {
						unlockers[v] = true
					}
				}
			}
		}
	}
	if len(unlockers) == 0 {
		return false
	}
	// (a variable set to it on one branch only: a phi with nil on the
	// other, or the variable's cell when a closure captures it)
	for grew := true; grew; {
		grew = false
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Phi:
					if !unlockers[x] && slices.ContainsFunc(x.Edges, func(v ssa.Value) bool { return unlockers[v] }) {
						unlockers[x], grew = true, true
					}
				case *ssa.Store:
					if cell, ok := x.Addr.(*ssa.Alloc); ok && !unlockers[cell] && unlockers[x.Val] {
						unlockers[cell], grew = true, true
					}
				}
			}
		}
	}
	// calls reports whether the closure body calls its free variable fv,
	// or what the cell fv points to holds.
	calls := func(fv *ssa.FreeVar) bool {
		for _, r := range *fv.Referrers() {
			if c, ok := r.(ssa.CallInstruction); ok && c.Common().Value == fv {
				return true
			}
			if ld, ok := r.(*ssa.UnOp); ok && ld.Op == token.MUL {
				for _, lr := range *ld.Referrers() {
					if c, ok := lr.(ssa.CallInstruction); ok && c.Common().Value == ld {
						return true
					}
				}
			}
		}
		return false
	}
	callsUnlocker := func(v ssa.Value) bool {
		mc, ok := v.(*ssa.MakeClosure)
		if !ok {
			return false
		}
		body := mc.Fn.(*ssa.Function)
		for i, bound := range mc.Bindings {
			if unlockers[bound] && i < len(body.FreeVars) && calls(body.FreeVars[i]) {
				return true
			}
		}
		return false
	}
	for _, v := range ret.Results {
		if callsUnlocker(v) {
			return true
		}
		obj, ok := v.(*ssa.Alloc)
		if !ok {
			continue
		}
		for _, r := range *obj.Referrers() {
			fa, ok := r.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			for _, fr := range *fa.Referrers() {
				if st, ok := fr.(*ssa.Store); ok && st.Addr == fa && callsUnlocker(st.Val) {
					return true
				}
			}
		}
	}
	return false
}

// splitHandsBack splits the returns that hold a lock into those that hand a
// function back to the caller (the unlocker, see handsBackUnlocker) and
// those that do not.
func splitHandsBack(fn *ssa.Function, held []exitState) (handing, keeping []exitState) {
	res := fn.Signature.Results()
	for _, x := range held {
		hands := false
		for i := 0; i < res.Len(); i++ {
			if _, isFunc := res.At(i).Type().Underlying().(*types.Signature); isFunc &&
				allResults([]exitState{x}, i, func(v ssa.Value) bool { return !isNilConst(v) }) {
				hands = true
			}
		}
		if hands {
			handing = append(handing, x)
		} else {
			keeping = append(keeping, x)
		}
	}
	return handing, keeping
}

// exportedFunc reports whether fn is an exported function or an exported
// method (of any type: a method of an unexported type can satisfy an
// exported interface).
func exportedFunc(fn *ssa.Function) bool {
	obj := fn.Object()
	return obj != nil && obj.Exported()
}
