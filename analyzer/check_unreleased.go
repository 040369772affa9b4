package analyzer

import (
	"go/token"
	"slices"
)

var unreleasedCheck = &Check{
	Name:  "unreleased",
	Title: "a lock still held on some return path",
	Doc: `
A function that locks a mutex and releases it on some return paths but
not on others (often an early error return added later) leaves it held,
and the next Lock anywhere blocks forever. Functions that return with the
lock held on every path ("returns locked" helpers) and functions whose
result tells the caller whether (or which) lock is held, such as a
transaction that records whether it writes, or a reader lock whose token
says whether it took the inner lock, are not reported; nor is a pair lock
that takes the second lock only when its two arguments differ. A lock that
a call on the way may have released without the analysis seeing which (a
handle's Close through a sync.Locker field, the unlocker a lock helper
returned, deferred) is not claimed to be left held. A return that gives
its caller the handle a locking call returned (itself, or in an object it
returns: &Wrapped{Sim: s}) hands the lock on with it.
Paths that end in a panic or a call that does not return are ignored.
A branch that keeps the lock merging with one that releases it before a
single return is reported when nothing after the merge decides it again.
A variable the branches point at different objects releases, after they
meet, the one its branch chose (seg rotated to a fresh segment, locked
before the old one is released, then seg.mu.Unlock()): each branch is
followed through the merge on its own. A lock released or kept by a test
of a parameter to which every call passes a constant (lookup(id,
keepLocked)) is the caller's to release: the caller that asks to keep it
answers for it at its own returns. A defer in the body of a range over
a function runs when the enclosing function returns.
A lock the package locks on two occasions and never unlocks anywhere is
reported too, even through a "returns locked" helper, when no other code
can reach it (an unexported field or variable whose address is never
handed on).`,
	Wrong: `
func (q *Queue) Pop() (int, error) {
	q.mu.Lock()
	if len(q.items) == 0 {
		return 0, errEmpty // q.mu stays locked
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.mu.Unlock()
	return v, nil
}`,
	Right: `
func (q *Queue) Pop() (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return 0, errEmpty
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, nil
}`,
}

// reportUnreleased reports a return at pos with the lock res still held
// (held: how it came to be held), where another return has released it.
func (ps *passState) reportUnreleased(pos token.Pos, res string, held Chain, released Hop) {
	ps.report(pos, unreleasedCheck, "lock not released: "+res+" is still held when this path returns", held, Chain{released})
}

// reportUnreleasedConditional reports a return with the lock held in a
// conditional lock helper that no caller treats as one.
func (ps *passState) reportUnreleasedConditional(p pendingFinding) {
	ps.report(p.pos, unreleasedCheck, "lock not released: "+p.res+" is still held when this path returns and no caller unlocks it after a successful call", p.chain)
}

// reportUnreleasedError reports a return of a new error at pos with the
// lock res held, in a function that releases it at unlock on its other paths.
func (ps *passState) reportUnreleasedError(pos token.Pos, res string, held Chain, unlock Hop) {
	ps.report(pos, unreleasedCheck, "lock not released: "+res+" is still held when this path returns an error", held, Chain{unlock})
}

// releasedHop is the related location of a return that releases the lock.
func (fa *fnAnalysis) releasedHop(pos token.Pos) Hop {
	return fa.hop(pos, "returns here with it released")
}

// unlockHop is the related location of the unlock on the other paths.
func (fa *fnAnalysis) unlockHop(pos token.Pos) Hop {
	return fa.hop(pos, "releases it on the other paths")
}

// confirmConditional reports the conditional lock helpers that no caller in
// this package treats as such: none unlocks the lock after calling them. An
// exported helper may have its callers elsewhere, and one the package never
// calls directly is reached (if at all) in ways the model does not see, so
// both are given the benefit of the doubt: the second only for a lock its
// callers can name (one it was given, or hands back with its result).
func (ps *passState) confirmConditional() {
	for _, fn := range ps.graph.Funcs() {
		pending := ps.condFindings[fn]
		if len(pending) == 0 || ps.unlockedAfter[fn] {
			continue
		}
		if obj := fn.Object(); obj != nil && obj.Exported() {
			continue
		}
		uncalled := len(ps.staticCalls()[fn]) == 0
		for _, p := range pending {
			if uncalled && p.named {
				continue // no call in sight: its callers, if any, may unlock it
			}
			ps.reportUnreleasedConditional(p)
			ps.findings[len(ps.findings)-1].kept = p.kept
		}
	}
}

// dropHandedOver drops the "lock not released" findings on a lock class
// that an exported function of this package releases without having
// acquired it, through a reference to the lock's owner that another object
// keeps: Tx.Rollback unlocking t.db.writer, which beginWrite left held when
// it returned the transaction. Such a lock is handed over with the object
// the path returns, by design, and whether some path forgets it is more
// than the model can prove; unknown is not a leak. Releasing the lock of
// one's own receiver (an exported Unlock, sync.Locker style) or from an
// unexported helper (its callers hold the lock when they call it) is no
// such hand-off, except for a lock taken on some paths only by a function
// that never releases it (takenSome, see checkMergedHeld): that function is
// itself one half of a lock API (a reentrant lock's Lock, which takes the
// mutex only when another request holds it), and the exported releaser of
// the same receiver's lock is the other half.
func (ps *passState) dropHandedOver() {
	handed := make(map[string]bool) // through another object's reference
	own := make(map[string]bool)    // the receiver's own lock too
	for fn, s := range ps.sums {
		if s == nil || len(s.Releases) == 0 || fn.Synthetic != "" || fn.Pkg == nil || fn.Pkg.Pkg != ps.pass.Pkg || !exportedFunc(fn) {
			continue
		}
		for _, r := range s.Releases {
			if r.Class.Key != "" && r.Base == BaseParam && len(r.Path) >= 1 {
				own[r.Class.Key] = true
				handed[r.Class.Key] = handed[r.Class.Key] || len(r.Path) >= 2
			}
		}
	}
	kept := ps.findings[:0]
	for _, f := range ps.findings {
		if f.kept == "" || !handed[f.kept] && !(f.takenSome && own[f.kept]) {
			kept = append(kept, f)
		}
	}
	ps.findings = kept
}

// dropSentWith drops the "lock not released" findings whose path sent,
// before it returned with the lock held, on a channel of a class that some
// function of the package receives from and then releases a lock of the
// kept lock's class: the lock goes with the message (see sentwith.go).
func (ps *passState) dropSentWith() {
	var release map[string]map[string]bool
	kept := ps.findings[:0]
	for _, f := range ps.findings {
		if f.kept != "" && len(f.sentWith) > 0 {
			if release == nil {
				release = ps.receiversRelease()
			}
			if slices.ContainsFunc(f.sentWith, func(c string) bool { return release[c][f.kept] }) {
				continue
			}
		}
		kept = append(kept, f)
	}
	ps.findings = kept
}

// reportUnreleasedMerge reports a return at pos reached with the lock res
// held by one branch of a merge before it (kept) and released by another
// (freed); held is how it came to be held.
// reportUnreleasedSome reports a return at pos reached with the lock res
// held by one branch of a merge before it (kept), where another branch
// never took it (never): nothing tells the caller which ran.
func (ps *passState) reportUnreleasedSome(pos token.Pos, res string, held Chain, kept, never Hop) {
	ps.report(pos, unreleasedCheck, "lock not released: "+res+" is still held when this path returns: one branch before it takes it, another never does", held, Chain{kept, never})
}

func (ps *passState) reportUnreleasedMerge(pos token.Pos, res string, held Chain, kept, freed Hop) {
	ps.report(pos, unreleasedCheck, "lock not released: "+res+" is still held when this path returns: one branch before it releases it, another does not", held, Chain{kept, freed})
}

// reportNeverReleased reports the first acquisition, at pos, of a lock
// res that nothing in the package releases: lock is that acquisition, again
// the second occasion on which it is acquired.
func (ps *passState) reportNeverReleased(pos token.Pos, res string, lock, again Chain) {
	ps.report(pos, unreleasedCheck, "lock never released: "+res+" is locked here and nothing in the package unlocks it; the next Lock blocks forever", lock, again)
}
