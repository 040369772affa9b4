package analyzer

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Read locks under an outer lock.
//
// A recursive read lock blocks only when a writer queues between the two
// read locks. When the reader holds another lock L all the while, and every
// write lock of the RWMutex is taken with L held for writing, no writer can
// queue there: it waits for L first, which the reader holds (or the other
// way round: the reader holds L for writing, and every writer holds L).
// An outer lock that both sides hold only for reading excludes nothing.
//
// The claim rests on every writer: the RWMutex must be one only this
// package can write-lock (finding.readOnly), and no function of the package
// may have been skipped as too large (its Locks are not seen). What a side
// holds is what its own frame holds at the lock, with the locks held at
// every call of it, and of its callers in turn (callersHold); a function
// other packages may call (exported, or used as a value) has no callers'
// locks to count.

// A guardedWrite is a write lock of some RWMutex class: the function that
// takes it, and the classes its frame certainly holds there, all of them
// and those held for writing.
type guardedWrite struct {
	fn            *ssa.Function
	held, writing []string
}

// heldClasses returns the classes of the locks of held certainly held
// (not doubtful, of a known class, of an object others can reach), and
// those of them held for writing, skipping the class skip.
func (fa *fnAnalysis) heldClasses(held []heldLock, skip string) (all, writing []string) {
	for _, h := range held {
		k := h.ref.Class.Key
		if !h.must || h.doubtful || !h.ref.Class.known() || k == skip || fa.owned(h.ref) {
			continue
		}
		all = append(all, k)
		if h.mode == Write {
			writing = append(writing, k)
		}
	}
	return all, writing
}

// noteGuardedWrite records a write lock of class, with the locks held.
func (fa *fnAnalysis) noteGuardedWrite(class string, held []heldLock) {
	all, writing := fa.heldClasses(held, class)
	if fa.ps.guardedWrites == nil {
		fa.ps.guardedWrites = make(map[string][]guardedWrite)
	}
	fa.ps.guardedWrites[class] = append(fa.ps.guardedWrites[class], guardedWrite{fa.fn, all, writing})
}

// outerGuarded reports whether the recursive read lock f cannot meet a
// queued writer: an outer lock excludes every writer of its RWMutex.
func (ps *passState) outerGuarded(f *finding, callers, callersW map[*ssa.Function]map[string]bool) bool {
	writes := ps.guardedWrites[f.readOnly]
	if f.readOnly == "" || f.rlockSide.fn == nil || len(writes) == 0 || len(ps.skipped) > 0 {
		return false
	}
	with := func(own []string, fn *ssa.Function, inherited map[*ssa.Function]map[string]bool) []string {
		out := slices.Clone(own)
		for k := range inherited[fn] {
			out = append(out, k)
		}
		return out
	}
	readerAll := with(f.rlockHeld, f.rlockSide.fn, callers)
	readerW := with(f.rlockHeldW, f.rlockSide.fn, callersW)
	excludes := func(outer string, readerMode []string, writerMode func(guardedWrite) []string) bool {
		if outer == f.readOnly || !slices.Contains(readerMode, outer) {
			return false
		}
		for _, w := range writes {
			if !slices.Contains(writerMode(w), outer) {
				return false
			}
		}
		return true
	}
	writerW := func(w guardedWrite) []string { return with(w.writing, w.fn, callersW) }
	writerAll := func(w guardedWrite) []string { return with(w.held, w.fn, callers) }
	for _, outer := range readerAll {
		if excludes(outer, readerAll, writerW) || excludes(outer, readerW, writerAll) {
			return true
		}
	}
	return false
}
