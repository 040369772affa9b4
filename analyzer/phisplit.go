package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A block that releases a lock named by a phi of its own — a variable the
// branches before it point at different objects (`old := seg; seg =
// fresh(); seg.mu.Lock(); old.mu.Unlock()` on one branch, nothing on the
// other, then `seg.mu.Unlock()`) — releases, on each incoming edge, the lock
// that edge's value names. Joined first, the states before it say only that
// each of the two locks is held on some path, and the phi names neither:
// the release would release nothing, and each lock would look left held on
// the other branch. So such a block is analysed once per incoming edge,
// with the phi read as that edge's value, and the states it leaves are
// joined after it. Only a phi whose every use is in its own block and
// takes no lock there is split: elsewhere the variable keeps the one name
// the joined state knows it by, and a lock taken under the split name
// could not be released under the joined one.

// splitPhis lists the phis of b that the lockset analyses edge by edge.
// The block does nothing but release locks, store, call functions that
// take, release, wait on or start nothing, and return (its deferred calls
// release locks too): an operation that records something (a channel
// operation, an acquisition, a call that does either) would be recorded
// once per edge.
func (fa *fnAnalysis) splitPhis(b *ssa.BasicBlock) []*ssa.Phi {
	if len(b.Preds) < 2 || len(b.Preds) > 8 {
		return nil
	}
	seen := make(map[*ssa.BasicBlock]bool, len(b.Preds))
	for _, p := range b.Preds {
		if seen[p] || b.Dominates(p) { // a loop's header: its edges come round
			return nil
		}
		seen[p] = true
	}
	var out []*ssa.Phi
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if fa.releasesOnlyHere(b, phi) && fa.edgesDiffer(phi) {
			out = append(out, phi)
		}
	}
	if out == nil || !fa.releasesAndReturns(b) {
		return nil
	}
	return out
}

// releasesOnlyHere reports whether every value derived from phi (its
// fields, what is loaded through it) is used in b alone, and b releases a
// lock through it and acquires none.
func (fa *fnAnalysis) releasesOnlyHere(b *ssa.BasicBlock, phi *ssa.Phi) bool {
	derived := map[ssa.Value]bool{phi: true}
	work := []ssa.Value{phi}
	for len(work) > 0 {
		v := work[0]
		work = work[1:]
		for _, r := range *v.Referrers() {
			if r.Block() != b {
				return false
			}
			var next ssa.Value
			switch x := r.(type) {
			case *ssa.FieldAddr:
				next = x
			case *ssa.Field:
				next = x
			case *ssa.UnOp:
				if x.Op == token.MUL {
					next = x
				}
			}
			if next != nil && !derived[next] {
				derived[next] = true
				work = append(work, next)
			}
		}
	}
	releases := false
	for _, o := range fa.ops[b] {
		if !derived[o.recv] {
			continue
		}
		switch o.kind {
		case OpUnlock, OpRUnlock:
			releases = true
		default:
			return false
		}
	}
	return releases
}

// edgesDiffer reports whether phi's incoming values name at least two
// different locks, each one known by name (a call's result by its site).
func (fa *fnAnalysis) edgesDiffer(phi *ssa.Phi) bool {
	var first string
	for _, e := range phi.Edges {
		ref := fa.r.resolve(e)
		if ref.Base == BaseOpaque && ref.Name == "" {
			return false // (a call's result is named by its site: one value)
		}
		if first == "" {
			first = ref.key()
		} else if ref.key() != first {
			return true
		}
	}
	return false
}

// transferSplit applies b to the state each predecessor hands it, with
// phis read as that edge's values, and joins what comes out on each
// successor edge. in is b's joined state, used where no predecessor has a
// state yet.
func (fa *fnAnalysis) transferSplit(b *ssa.BasicBlock, phis []*ssa.Phi, in *lockState) []*lockState {
	var outs []*lockState
	for j, p := range b.Preds {
		st := fa.edgeState(p, b)
		if st == nil || st.dead {
			continue
		}
		restore := fa.r.bindEdge(phis, j)
		o := fa.transfer(b, st.copy())
		restore()
		if outs == nil {
			outs = o
			continue
		}
		for i := range outs {
			outs[i] = join(outs[i], o[i])
		}
	}
	if outs == nil {
		return fa.transfer(b, in.copy())
	}
	return outs
}

// bindEdge makes the resolver read each phi as its j-th incoming value
// until the returned function restores it. Values derived from the phis
// are resolved afresh meanwhile.
func (r *resolver) bindEdge(phis []*ssa.Phi, j int) (restore func()) {
	saved := r.memo
	bound := make(map[ssa.Value]Ref, len(phis))
	for _, phi := range phis {
		bound[phi] = r.resolve(phi.Edges[j])
	}
	r.memo = bound
	return func() { r.memo = saved }
}

// releasesAndReturns reports whether b's operations are releases, its
// return, and deferred calls that are releases.
func (fa *fnAnalysis) releasesAndReturns(b *ssa.BasicBlock) bool {
	release := func(k OpKind) bool { return k == OpUnlock || k == OpRUnlock }
	for _, o := range fa.ops[b] {
		switch {
		case release(o.kind), o.kind == OpReturn, o.kind == OpStore:
		case o.kind == OpCall:
			// a call of functions that take, release, wait on or start
			// nothing (seg.buf.Write(rec))
			if o.site == nil || len(o.site.Callees) == 0 || len(o.site.FuncArgs) > 0 {
				return false
			}
			for _, c := range o.site.Callees {
				if s := fa.ps.summary(c); s != nil && (s.UnnamedRelease || len(s.Acquires)+len(s.Releases)+len(s.HeldAtExit)+len(s.CondHeld)+len(s.Pending)+len(s.ParamCalls)+len(s.Chans)+len(s.Spawns)+len(s.Counts)+len(s.GuardCounts)+len(s.IfaceCalls)+len(s.FuncUses) > 0) {
					return false
				}
			}
		case o.kind == OpRunDefers:
			for _, ops := range fa.ops {
				for _, d := range ops {
					if d.kind == OpDefer && (d.deferred == nil || !release(d.deferred.kind)) {
						return false
					}
				}
			}
		default:
			return false
		}
	}
	return true
}
