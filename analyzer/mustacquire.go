package analyzer

import (
	"golang.org/x/tools/go/ssa"
)

// Must-acquisitions: a lock a function takes on every path it returns by.
//
// A summary's acquisitions are what a function may take: a caller that
// holds the lock and calls it deadlocks if the path that takes it runs,
// which branches the caller cannot see may rule out. A lock taken on every
// path is a stronger claim: the call blocks whatever the branches decide.
// It is computed per function from the blocks that take the lock for
// certain (a Lock call, or a static call of a callee that takes it on
// every path, see acquisition.must): the lock is Must when no path from
// the entry reaches a return without passing one of them. Paths the
// lockset proved dead, and paths that end in a panic, are not paths a
// caller returns by.

// noteMust records the block of an acquisition that takes its lock for
// certain once reached, in the recording pass. A deferred call's
// acquisition runs at the return, after the rest, and is left out.
func (fa *fnAnalysis) noteMust(a *acquisition) {
	if !a.must || fa.deferring || fa.maybeRun || fa.block == nil {
		return
	}
	if fa.mustAt == nil {
		fa.mustAt = make(map[string][]*ssa.BasicBlock)
	}
	k := lockModeKey(a.ref, a.mode)
	fa.mustAt[k] = append(fa.mustAt[k], fa.block)
}

// markMust sets Acquire.Must on the summary's acquisitions, given the
// fixpoint's in-states (nil or dead where no path arrives).
func (fa *fnAnalysis) markMust(in map[*ssa.BasicBlock]*lockState) {
	for i := range fa.sum.Acquires {
		a := &fa.sum.Acquires[i]
		at := fa.mustAt[acquireKey(*a)]
		a.Must = len(at) > 0 && unconditional(*a) && !returnsAround(fa.fn, at, in)
	}
}

// returnsAround reports whether a live path from fn's entry reaches a
// return without passing through a block of at.
func returnsAround(fn *ssa.Function, at []*ssa.BasicBlock, in map[*ssa.BasicBlock]*lockState) bool {
	stop := make(map[*ssa.BasicBlock]bool, len(at))
	for _, b := range at {
		stop[b] = true
	}
	seen := make(map[*ssa.BasicBlock]bool)
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] || stop[b] {
			continue
		}
		seen[b] = true
		if st := in[b]; st == nil || st.dead {
			continue
		}
		if len(b.Instrs) > 0 {
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				return true
			}
		}
		work = append(work, b.Succs...)
	}
	return false
}

// heldName is heldLock.own for a lock a static callee returns holding on
// every path (Summary.HeldAtExit): a name no Lock call of the function
// gives (ownLock's are Go expressions), so relock never pairs it with one,
// and unname takes it away like the others.
func heldName(ref Ref) string { return "returned held: " + ref.key() }
