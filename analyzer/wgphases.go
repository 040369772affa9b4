package analyzer

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// WaitGroups used in phases.
//
// A WaitGroup is reused: goroutines started, Wait, then more goroutines
// and another Wait. A Wait returns once every Done so far balanced every
// Add, so the goroutines a go statement started before an earlier Wait on
// the same group have all called their Done by the time a later Wait
// begins, when every path from that go statement to the later Wait passes
// the earlier one. The later Wait does not wait for them: a lock they take
// is no part of what it waits for.

// joinedByEarlierWait reports whether every goroutine of s (started in this
// function) is waited for by another of the function's own Waits on the
// same group (waits) before the Wait w.
func (fa *fnAnalysis) joinedByEarlierWait(s *Spawn, w ChanOp, waits []ChanOp) bool {
	if len(w.Chain) != 1 || len(s.Chain) == 0 {
		return false
	}
	ps := fa.ps
	at := ps.instrsAt(fa.fn, w.Chain[0].Pos)
	starts := ps.instrsAt(fa.fn, s.Chain[0].Pos)
	var cuts []ssa.Instruction
	for _, o := range waits {
		if len(o.Chain) == 1 && o.Chain[0].Pos != w.Chain[0].Pos && !o.Deferred && !o.Alt {
			cuts = append(cuts, ps.instrsAt(fa.fn, o.Chain[0].Pos)...)
		}
	}
	if len(at) == 0 || len(starts) == 0 || len(cuts) == 0 {
		return false
	}
	for _, g := range starts {
		for _, then := range at {
			if reachesAvoidingAny(g, then, cuts) {
				return false
			}
		}
	}
	return true
}

// reachesAvoidingAny reports whether some path leads from x to y without
// running any of the instructions cuts.
func reachesAvoidingAny(x, y ssa.Instruction, cuts []ssa.Instruction) bool {
	type start struct {
		b *ssa.BasicBlock
		i int
	}
	idx := slices.Index(x.Block().Instrs, x)
	work := []start{{x.Block(), idx + 1}}
	seen := make(map[*ssa.BasicBlock]bool)
	for len(work) > 0 {
		s := work[len(work)-1]
		work = work[:len(work)-1]
		cut := false
		for _, instr := range s.b.Instrs[s.i:] {
			if instr == y {
				return true
			}
			if slices.Contains(cuts, instr) {
				cut = true
				break
			}
		}
		if cut {
			continue
		}
		for _, succ := range s.b.Succs {
			if !seen[succ] {
				seen[succ] = true
				work = append(work, start{succ, 0})
			}
		}
	}
	return false
}
