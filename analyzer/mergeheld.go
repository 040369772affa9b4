package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/awaitvet/awaitvet/callgraph"
)

// Locks left held by one branch of a merge.
//
// `mu.Lock(); if ok { mu.Unlock() }; return`: one branch releases the lock,
// the other keeps it, and the two merge before the function's only return.
// At that return the lockset says "may be held", which alone proves
// nothing: a later test of a flag may release it on exactly the paths that
// kept it. The claim is made only with a witness for each step:
//
//   - the return is reached from a merge block M by a straight line of
//     blocks (each the only successor of the one before, the only
//     predecessor of the next): nothing on the way branches, locks or
//     unlocks, so every path through M reaches the return with the lock as
//     M received it;
//   - one edge into M carries the lock certainly held (on every path that
//     reaches that edge) and another carries it certainly released (after
//     the acquisition, which dominates that edge's block) or never taken
//     (a lock taken on some paths only, said so in the message): the
//     first edge is the witness of a path that returns with it held;
//   - the lock was acquired in this function, is no Once, and no return
//     holds it certainly (a "returns locked" helper is another matter);
//   - nothing on the straight line starts a goroutine (which may take the
//     lock over: a hand-off);
//   - the return hands the caller nothing that could tell it which branch
//     ran (a result that is a phi of M: a conditional lock helper) and no
//     function that unlocks it (nor a closure, returned or in an object it
//     returns, that calls the unlocker the acquiring helper returned);
//   - the branch between the two sides is no test of state the caller can
//     read as well, with the lock never taken on the other side
//     (`if !s.opts.noLock { s.mu.Lock() }`: a conditional lock helper
//     whose callers pair it with an unlock that tests the same).
//
// A lock the tracked branch conditions already place on one side (held
// exactly when a flag has a value) and that another return releases is
// reported by checkUnreleased; this rule covers the merges it cannot split.

// The lockset's "certainly held" on the kept side is only as good as what
// it knows of the calls on the way: a call whose releases it cannot apply
// (a dynamic call with several candidates, a function value nothing
// resolves, a callee whose release is of a lock it reaches through its own
// captured variables, which this frame cannot name) may be the very
// release the branch makes. In a function with such a call the rule claims
// nothing.

// checkMergedHeld reports the returns of live that keep a lock one branch
// of a merge before them released (see above).
func (fa *fnAnalysis) checkMergedHeld(live []exitState) {
	if fa.unknownReleases {
		return
	}
	seen := make(map[string]bool)
	for _, x := range live {
		if x.ret == nil {
			continue
		}
		for _, h := range x.st.sortedHeld() {
			k := h.ref.key()
			if seen[k] || !h.local || h.must || h.mode == Once || h.condOf != nil || mustAtSome(live, k) {
				continue
			}
			if h.g.set && freeAtSome(live, k) {
				continue // checkUnreleased reports it
			}
			if _, asked := fa.heldWhen(live, k); asked {
				continue // kept for the callers that ask (keeplocked.go)
			}
			m := mergeBefore(x.ret.Block())
			if m == nil || resultPhiIn(x.ret, m) || handsBackUnlocker(fa.fn, []exitState{x}) || handsBackHelperUnlock(fa.fn, x.ret, h.pos) || fa.spawnsOnLine(m, x.ret.Block()) {
				continue
			}
			acq := acquiredIn(fa.fn, h.pos)
			kept, freed, took := fa.mergeSides(m, k, acq)
			if kept == nil || freed == nil {
				continue
			}
			if fa.callerDecides(acq, []*lockState{fa.edgeState(kept, m)}, []*lockState{fa.edgeState(freed, m)}, []*ssa.BasicBlock{freed}) ||
				!onlySpawned(fa.fn) && readableSplit(acq, kept, freed) {
				continue
			}
			seen[k] = true
			if took || fa.releasesByName(k) {
				fa.ps.reportUnreleasedMerge(returnPos(fa.fn, x.ret), h.ref.show(fa.ps.pkgPath), h.chain,
					fa.hop(lastPos(kept), "keeps it held on the branch from here"),
					fa.hop(lastPos(freed), "releases it on the branch from here"))
			} else {
				fa.ps.reportUnreleasedSome(returnPos(fa.fn, x.ret), h.ref.show(fa.ps.pkgPath), h.chain,
					fa.hop(lastPos(kept), "keeps it held on the branch from here"),
					fa.hop(lastPos(freed), "never takes it on the branch from here"))
				fa.ps.findings[len(fa.ps.findings)-1].takenSome = true
			}
			fa.ps.findings[len(fa.ps.findings)-1].kept = h.ref.Class.Key
		}
	}
}

func mustAtSome(exits []exitState, key string) bool {
	for _, e := range exits {
		if h, ok := e.st.held[key]; ok && h.must {
			return true
		}
	}
	return false
}

func freeAtSome(exits []exitState, key string) bool {
	for _, e := range exits {
		if _, ok := e.st.held[key]; !ok {
			return true
		}
	}
	return false
}

// releasesByName reports whether the function releases the lock of key k
// anywhere: an Unlock of its own (deferred or not), or a call whose
// callee's release binds to it.
func (fa *fnAnalysis) releasesByName(k string) bool {
	for _, ops := range fa.ops {
		for _, o := range ops {
			if o.kind == OpDefer && o.deferred != nil {
				o = o.deferred
			}
			switch o.kind {
			case OpUnlock, OpRUnlock:
				if ref, _ := fa.r.resolve(o.recv).readView(); ref.key() == k {
					return true
				}
			case OpCall:
				for ref, ok := range fa.calleeReleases(o.site, o.site.Callees) {
					if ok && ref.key() == k {
						return true
					}
				}
			}
		}
	}
	return false
}

// mergeBefore walks back from b along a straight line of blocks to the
// merge that starts it: the first block with more than one predecessor.
func mergeBefore(b *ssa.BasicBlock) *ssa.BasicBlock {
	for i := 0; b != nil && i < 64; i++ {
		switch {
		case len(b.Preds) > 1:
			return b
		case len(b.Preds) == 1 && len(b.Preds[0].Succs) == 1:
			b = b.Preds[0]
		default:
			return nil
		}
	}
	return nil
}

// resultPhiIn reports whether a result of ret is a phi of block m.
func resultPhiIn(ret *ssa.Return, m *ssa.BasicBlock) bool {
	for _, v := range ret.Results {
		if phi, ok := v.(*ssa.Phi); ok && phi.Block() == m {
			return true
		}
	}
	return false
}

// mergeSides returns a predecessor of m whose edge into m carries the lock
// certainly held, and one whose edge carries it absent from the lockset;
// nil when there is none. took says whether that absence is a release: the
// side lies after the acquisition (acq, its block, dominates it), and one
// such side is preferred. A side the acquisition does not dominate may
// never have taken the lock (`if mine { mu.Lock() }; return`): a lock
// taken on some paths only; when the function releases it nowhere,
// checkMergedHeld reports it as such and dropHandedOver weighs it against
// the package's releasers.
func (fa *fnAnalysis) mergeSides(m *ssa.BasicBlock, key string, acq *ssa.BasicBlock) (kept, freed *ssa.BasicBlock, took bool) {
	for _, p := range m.Preds {
		st := fa.edgeState(p, m)
		if st == nil || st.dead {
			continue
		}
		if h, ok := st.held[key]; ok && h.must {
			if kept == nil {
				kept = p
			}
		} else if !ok && !took {
			if dominated := acq != nil && acq.Dominates(p); dominated || freed == nil {
				freed, took = p, dominated
			}
		}
	}
	return kept, freed, took
}

// acquiredIn is the block of fn's instruction at pos, the acquisition of a
// held lock; nil when none is there.
func acquiredIn(fn *ssa.Function, pos token.Pos) *ssa.BasicBlock {
	if !pos.IsValid() {
		return nil
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if instr.Pos() == pos {
				return b
			}
		}
	}
	return nil
}

// edgeState is the fixpoint's state on the edge from p to its successor s.
func (fa *fnAnalysis) edgeState(p, s *ssa.BasicBlock) *lockState {
	outs := fa.outs[p]
	for i, succ := range p.Succs {
		if succ == s && i < len(outs) {
			return outs[i]
		}
	}
	return nil
}

// lastPos is the position of a block's last positioned instruction (the
// statement that leads to the merge).
func lastPos(b *ssa.BasicBlock) token.Pos {
	for i := len(b.Instrs) - 1; i >= 0; i-- {
		if p := b.Instrs[i].Pos(); p.IsValid() {
			return p
		}
	}
	return blockPos(b)
}

// spawnsOnLine reports whether a block on the straight line from m to b
// starts a goroutine.
func (fa *fnAnalysis) spawnsOnLine(m, b *ssa.BasicBlock) bool {
	for {
		for _, o := range fa.ops[b] {
			if o.kind == OpGo || o.kind == OpSpawn || o.kind == OpWGGo {
				return true
			}
		}
		if b == m || len(b.Preds) != 1 {
			return false
		}
		b = b.Preds[0]
	}
}

// noteUnknownReleases records, at a call, whether its effect on the locks
// held (st) is unknown to the lockset: a call of a function value no
// candidate resolves, a dynamic call with several candidates (whose
// releases are not applied), a callee's release the call site cannot bind,
// or one that binds to a lock of the class of a held one under another
// name (the same object, maybe, reached through the callee's own captured
// variables: the lockset cannot tell).
func (fa *fnAnalysis) noteUnknownReleases(st *lockState, site *callgraph.Site, callees []*ssa.Function) {
	if fa.unknownReleases {
		return
	}
	c := site.Instr.Common()
	if c.StaticCallee() == nil && len(callees) != 1 {
		fa.unknownReleases = true
		return
	}
	for ref, ok := range fa.calleeReleases(site, callees) {
		if !ok {
			fa.unknownReleases = true
			return
		}
		for _, h := range st.held {
			if h.ref.Class.known() && h.ref.Class.Key == ref.Class.Key && h.ref.key() != ref.key() {
				fa.unknownReleases = true
				return
			}
		}
	}
}
