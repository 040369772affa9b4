package analyzer

import (
	"go/constant"
	"go/token"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Range-over-func bodies (Go 1.23).
//
// `for x := range seq { ... }` over an iterator function compiles to a
// synthetic yield closure holding the body, passed to the iterator: the
// iterator calls it zero or more times. Each exit of the body stores a code
// in a cell the enclosing function shares with it (jump$N): 0 to go on
// iterating, -1 while the body runs, k > 0 for the k-th way out of the loop
// (a return, a break or goto to an outer label). After the iterator returns,
// the enclosing function tests the cell, `*jump == k`, and takes exit k.
//
// The lockset follows that protocol: at the call of the iterator the body's
// acquisitions are checked against what the enclosing function holds (it
// runs there, in this goroutine), and on the edge where the enclosing
// function has found code k, the lock effects of the body's exits with code k
// (a lock released before `return`, one left held) are applied. Code 0, the
// iterator finishing normally, joins "no iteration" with the effects of the
// body's ordinary exits. Without this, an Unlock before a return inside the
// body is invisible and the enclosing function looks as if it returned with
// the lock held.
//
// A defer in the body belongs to the enclosing function (go/ssa pushes it
// onto that function's defer stack, Defer.DeferStack): it runs when the
// enclosing function returns, not when the body does. An Unlock the body
// defers on every exit with code k is registered, on the edge of code k,
// as a deferred release of the enclosing function, after the defers it
// registered before the loop (so it runs before them):
// `for k := range seq { mu.Lock(); defer mu.Unlock(); return m[k] }`
// returns with mu released. (go/ssa marks no RunDefers in a function whose
// only defers are its bodies': they run at each of its returns.)

// rangeFuncYield is the Synthetic label go/ssa gives yield closures.
const rangeFuncYield = "range-over-func yield"

// yieldExit is what the body's exits with one code do to the locks of the
// enclosing frame, in the body's terms (free variables).
type yieldExit struct {
	released []releasedLock // the enclosing frame's locks it leaves released
	held     []heldLock     // locks it acquired and leaves held
	deferred []releasedLock // locks its defers release when the enclosing function returns
}

// rangeCall is an iterator call in the enclosing function: the body passed
// to it and how to read its refs in this frame.
type rangeCall struct {
	body *ssa.Function
	b    *binding
	hop  Hop
}

// yieldCode returns the code a return of a yield closure leaves in its
// jump cell: the constant stored to a free variable named jump$N in the
// return's block.
func yieldCode(ret *ssa.Return) (int, bool) {
	instrs := ret.Block().Instrs
	for i := len(instrs) - 1; i >= 0; i-- {
		st, ok := instrs[i].(*ssa.Store)
		if !ok {
			continue
		}
		fv, ok := st.Addr.(*ssa.FreeVar)
		c, isConst := st.Val.(*ssa.Const)
		if ok && isConst && strings.HasPrefix(fv.Name(), "jump$") && c.Value != nil && c.Value.Kind() == constant.Int {
			k, exact := constant.Int64Val(c.Value)
			return int(k), exact
		}
	}
	return 0, false
}

// recordYieldExits files, for a yield closure, the effects of its exits by
// code (what every exit with that code does), for the enclosing function.
func (fa *fnAnalysis) recordYieldExits() {
	if fa.fn.Synthetic != rangeFuncYield {
		return
	}
	byCode := make(map[int][]*lockState)
	var codes []int
	var next []*lockState // the states going on to the next call (code 0)
	for _, x := range fa.exits {
		if x.ret == nil {
			continue
		}
		k, ok := yieldCode(x.ret)
		if !ok {
			return // an exit we cannot place: leave the body unmodelled
		}
		if _, seen := byCode[k]; !seen {
			codes = append(codes, k)
		}
		byCode[k] = append(byCode[k], x.st)
		if k == 0 {
			next = append(next, x.st)
			next = append(next, fa.edgesInto(x.ret.Block())...)
		}
	}
	out := make(map[int]*yieldExit, len(codes))
	for _, k := range codes {
		sts := byCode[k]
		ex := &yieldExit{}
		for _, r := range sortedValues(sts[0].released, len(sts[0].released)) {
			if all(sts, func(s *lockState) bool { _, ok := s.released[r.ref.key()]; return ok }) {
				ex.released = append(ex.released, r)
			}
		}
		for _, h := range sts[0].sortedHeld() {
			if !h.local || !h.must {
				continue
			}
			if all(sts, func(s *lockState) bool { o, ok := s.held[h.ref.key()]; return ok && o.must && o.local }) {
				ex.held = append(ex.held, h)
			}
		}
		for i, d := range sts[0].defers {
			if u := d.deferred; sts[0].dguards[i] == (condGuard{}) && (u.kind == OpUnlock || u.kind == OpRUnlock) &&
				all(sts, func(s *lockState) bool { return containsOp(s.defers, d) }) {
				ref := u.released // an inner loop's body's, already in these terms
				if ref == nil {
					r := fa.r.resolve(u.recv)
					ref = &r
				}
				ex.deferred = append(ex.deferred, releasedLock{ref: *ref, read: u.kind == OpRUnlock})
			}
		}
		out[k] = ex
	}
	if fa.ps.yieldExits == nil {
		fa.ps.yieldExits = make(map[*ssa.Function]map[int]*yieldExit)
	}
	fa.ps.yieldExits[fa.fn] = out
	fa.checkBodyCarried(next)
}

// edgesInto returns, for a block that makes no call (the body's
// yield-continue block, which both a continue and the end of the body
// reach), the state each predecessor hands it: a lock one path keeps is
// held on that path even where the join says only "maybe" (see
// backsThrough).
func (fa *fnAnalysis) edgesInto(b *ssa.BasicBlock) []*lockState {
	if len(b.Preds) < 2 {
		return nil
	}
	for _, instr := range b.Instrs {
		if _, ok := instr.(ssa.CallInstruction); ok {
			return nil
		}
	}
	var out []*lockState
	for _, q := range b.Preds {
		for i, succ := range q.Succs {
			if succ == b && i < len(fa.outs[q]) && fa.outs[q][i] != nil {
				out = append(out, fa.outs[q][i])
			}
		}
	}
	return out
}

func all(sts []*lockState, f func(*lockState) bool) bool {
	for _, s := range sts {
		if !f(s) {
			return false
		}
	}
	return true
}

// rangeBodies handles a call that passes yield closures (an iterator call):
// the bodies' acquisitions are checked here, and their jump cells noted so
// that the enclosing function's tests of them take the bodies' exits.
func (fa *fnAnalysis) rangeBodies(st *lockState, site *callgraph.Site) {
	for _, arg := range site.Args() {
		mc, ok := arg.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		body, ok := mc.Fn.(*ssa.Function)
		if !ok || body.Synthetic != rangeFuncYield || fa.ps.yieldExits[body] == nil {
			continue
		}
		b := fa.bind(site, body, mc)
		if !b.pos.IsValid() { // the compiler's call of the iterator has no position: the range statement's
			b.pos = body.Pos()
		}
		hop := fa.hop(b.pos, "calls the iterator, which runs the loop body")
		if sum := fa.ps.summary(body); sum != nil {
			fa.apply(st, &Summary{Acquires: sum.Acquires, Overflow: sum.Overflow, Pending: sum.Pending}, b, hop, false, body, nil)
		}
		for j, fv := range body.FreeVars {
			if strings.HasPrefix(fv.Name(), "jump$") && j < len(mc.Bindings) {
				if fa.rangeCalls == nil {
					fa.rangeCalls = make(map[ssa.Value]*rangeCall)
				}
				fa.rangeCalls[mc.Bindings[j]] = &rangeCall{body: body, b: b, hop: hop}
			}
		}
	}
}

// rangeExit returns the state on the edge where the enclosing function has
// found code k in a body's jump cell (cond is `*cell == k`), or nil when cond
// is no such test.
func (fa *fnAnalysis) rangeExit(cond ssa.Value, st *lockState) *lockState {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL || fa.rangeCalls == nil {
		return nil
	}
	ld, ok := bin.X.(*ssa.UnOp)
	c, isConst := bin.Y.(*ssa.Const)
	if !ok || ld.Op != token.MUL || !isConst || c.Value == nil || c.Value.Kind() != constant.Int {
		return nil
	}
	rc := fa.rangeCalls[ld.X]
	if rc == nil {
		return nil
	}
	k, _ := constant.Int64Val(c.Value)
	ex := fa.ps.yieldExits[rc.body][int(k)]
	if ex == nil {
		return nil
	}
	out := st.copy()
	for _, r := range ex.released {
		if ref, ok := rc.b.ref(r.ref); ok {
			fa.release(out, ref, r.read)
		}
	}
	for _, h := range ex.held {
		if ref, ok := rc.b.ref(h.ref); ok {
			if _, already := out.held[ref.key()]; !already {
				out.held[ref.key()] = heldLock{ref: ref, mode: h.mode, must: true, local: true, chain: h.chain.prefixed(rc.hop), pos: rc.b.pos, guess: h.guess}
			}
		}
	}
	for _, d := range fa.yieldDefers(rc, int(k), ex) {
		if !containsOp(out.defers, d) {
			out.defers = append(out.defers, d)
			out.dguards = append(out.dguards, condGuard{})
		}
	}
	if k == 0 { // the iterator may also have called the body no time at all
		return join(st, out)
	}
	return out
}

// yieldDefers returns the deferred releases of the body's exits with code
// k (ex.deferred), as defers of the enclosing function: made once per body
// and code, so that the states that register them compare equal.
func (fa *fnAnalysis) yieldDefers(rc *rangeCall, k int, ex *yieldExit) []*op {
	key := yieldDeferKey{rc.body, k}
	if ds, ok := fa.yieldDeferOps[key]; ok {
		return ds
	}
	var ds []*op
	for _, r := range ex.deferred {
		ref, ok := rc.b.ref(r.ref)
		if !ok {
			continue
		}
		kind := OpUnlock
		if r.read {
			kind = OpRUnlock
		}
		ds = append(ds, &op{kind: OpDefer, instr: rc.b.call, deferred: &op{kind: kind, released: &ref}})
	}
	if fa.yieldDeferOps == nil {
		fa.yieldDeferOps = make(map[yieldDeferKey][]*op)
	}
	fa.yieldDeferOps[key] = ds
	return ds
}

// yieldDeferKey names the deferred releases of one body's exits with one
// code.
type yieldDeferKey struct {
	body *ssa.Function
	code int
}

// runYieldDefers runs, at a return in block b that no RunDefers precedes,
// the releases range-over-func bodies deferred onto this function's stack.
func (fa *fnAnalysis) runYieldDefers(st *lockState, b *ssa.BasicBlock) {
	for _, instr := range b.Instrs {
		if _, ok := instr.(*ssa.RunDefers); ok {
			return // runDefers ran them all
		}
	}
	for i := len(st.defers) - 1; i >= 0; i-- {
		if d := st.defers[i].deferred; d.released != nil {
			fa.runDeferred(st, d)
		}
	}
}

// checkBodyCarried reports a Lock of a range-over-func body that an exit
// going on to the next iteration (code 0) leaves held: the iterator
// calls the body again and it locks the mutex it still holds — the loop
// form of relock (checkLoopCarried), where the body is called rather than
// jumped back to. A defer in the body does not help: it runs when the
// enclosing function returns. As for an ordinary loop, the lock must be the
// same object on every call (not a fresh allocation nor a value the body
// computes), acquired by the body's own Lock call and certainly held.
func (fa *fnAnalysis) checkBodyCarried(exits []*lockState) {
	if !fa.final || fa.ps.factsOnly {
		return
	}
	reported := make(map[string]bool)
	for _, h := range heldAtSome(exits) {
		if reported[h.ref.key()] || !h.must || !h.local || h.doubtful || h.own == "" || !h.ref.exact() || h.ref.Base == BaseOpaque || h.ref.Base == BaseAlloc {
			continue
		}
		o := fa.lockAt(h.pos)
		if o == nil {
			continue
		}
		ref, view := fa.r.resolve(o.recv).readView()
		mode := Write
		if view || o.kind == OpRLock {
			mode = Read
		}
		if ref.key() != h.ref.key() {
			continue
		}
		verb := "locks "
		if mode == Read {
			verb = "read-locks "
		}
		h.chain = Chain{
			fa.hop(o.pos(), "acquires it on one call of the loop body and keeps it to the next"),
			fa.hop(fa.fn.Pos(), "the iterator calls the body again with it still held"),
		}
		fa.conflict(h, &acquisition{ref: ref, mode: mode, chain: Chain{fa.hop(o.pos(), verb+ref.show(""))}, pos: o.pos(), own: ownLock(o.instr), must: true}, true, nil)
		reported[h.ref.key()] = true
	}
}

// heldAtSome returns the locks the states hold, each state's in key order,
// the states in order.
func heldAtSome(sts []*lockState) []heldLock {
	var out []heldLock
	for _, st := range sts {
		out = append(out, st.sortedHeld()...)
	}
	return out
}

// lockAt returns the function's own Lock or RLock call at pos.
func (fa *fnAnalysis) lockAt(pos token.Pos) *op {
	for _, b := range fa.fn.Blocks {
		for _, o := range fa.ops[b] {
			if (o.kind == OpLock || o.kind == OpRLock) && o.pos() == pos {
				return o
			}
		}
	}
	return nil
}
