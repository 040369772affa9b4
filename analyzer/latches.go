package analyzer

import (
	"golang.org/x/tools/go/ssa"
)

// Local mutexes as happens-before edges.
//
// A sync.Mutex of the starter's frame, locked before a goroutine starts,
// orders the two as a channel does, since a Lock returns only after the
// Unlock that freed the mutex:
//   - a latch: the goroutine unlocks it as its last signal (no lock taken
//     after), and the starter locks it again before then, with no Unlock of
//     its own between: then runs after the goroutine's locking is over
//     (latchJoined);
//   - a gate: the goroutine begins by locking it, and the starter holds it
//     from before the go statement until after then on every path: the
//     goroutine's work starts after then has returned (mutexGatedAfter).
//
// Only a mutex of the starter's frame that nothing but the starter's own
// Lock and Unlock calls and the one goroutine's closure uses counts: every
// Unlock is then in sight.

// localMutexUses returns the Lock and Unlock calls of the starter s on the
// mutex a, its own allocation, when a's only other use is the closure the
// go statement gi starts; not ok otherwise.
func localMutexUses(a *ssa.Alloc, gi *ssa.Go) (locks, unlocks []ssa.Instruction, ok bool) {
	if !isSyncType(a.Type(), "Mutex") || a.Parent() != gi.Parent() {
		return nil, nil, false
	}
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if gi.Call.Value != r {
				return nil, nil, false
			}
		case *ssa.Call:
			switch op := syncOp(r.Common()); {
			case len(r.Call.Args) != 1 || r.Call.Args[0] != a:
				return nil, nil, false
			case op == OpLock:
				locks = append(locks, r)
			case op == OpUnlock:
				unlocks = append(unlocks, r)
			default:
				return nil, nil, false
			}
		default:
			return nil, nil, false
		}
	}
	return locks, unlocks, true
}

// keptLocked reports whether the starter holds its mutex from before the
// go statement g to the instruction to on every path: one of its locks
// runs before g on every path, and no unlock lies on a path from it to to.
func keptLocked(locks, unlocks []ssa.Instruction, g, to ssa.Instruction) bool {
	for _, l := range locks {
		if !instrBefore(l, g) {
			continue
		}
		free := false
		for _, u := range unlocks {
			free = free || instrReaches(l, u) && instrReaches(u, to)
		}
		if !free {
			return true
		}
	}
	return false
}

// mutexBodyUses returns the calls of the goroutine body on its free
// variable bound to the mutex a, by the operation they make (a deferred
// Unlock with nothing deferred before it that may lock counts as an
// Unlock: see lastDeferred); not ok when the body uses it otherwise (hands
// it on, defers an Unlock that other deferred calls follow).
func mutexBodyUses(body *ssa.Function, bound map[ssa.Value]ssa.Value, a *ssa.Alloc) (map[OpKind][]ssa.Instruction, bool) {
	out := make(map[OpKind][]ssa.Instruction)
	for _, fv := range body.FreeVars {
		if bound[fv] != a {
			continue
		}
		for _, r := range *fv.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Call:
				op := syncOp(r.Common())
				if len(r.Call.Args) != 1 || r.Call.Args[0] != fv || op != OpLock && op != OpUnlock {
					return nil, false
				}
				out[op] = append(out[op], r)
			case *ssa.Defer: // an Unlock that runs after everything else the body does
				if syncOp(r.Common()) != OpUnlock || len(r.Call.Args) != 1 || r.Call.Args[0] != fv || !lastDeferred(r) {
					return nil, false
				}
				out[OpUnlock] = append(out[OpUnlock], r)
			default:
				return nil, false
			}
		}
	}
	return out, true
}

// latchJoined reports whether s, after starting the goroutine at g
// (once: not in a loop) while holding a mutex of its frame, locks it again
// before then on every path, with no Unlock of its own between g and that
// Lock, and the goroutine only unlocks it, as its last signal.
func (ps *passState) latchJoined(s *ssa.Function, g, then ssa.Instruction, nestingOnly bool) bool {
	gi, ok := g.(*ssa.Go)
	if !ok || inLoop(g.Block()) {
		return false
	}
	body, bound := goBinding(gi)
	if body == nil {
		return false
	}
	for _, b := range bound {
		a, ok := b.(*ssa.Alloc)
		if !ok || a.Parent() != s {
			continue
		}
		locks, unlocks, ok := localMutexUses(a, gi)
		if !ok {
			continue
		}
		uses, ok := mutexBodyUses(body, bound, a)
		if !ok || len(uses[OpLock]) > 0 || len(uses[OpUnlock]) == 0 || !keptLocked(locks, unlocks, g, g) {
			continue
		}
		for _, l := range locks {
			if instrBefore(g, l) && instrBefore(l, then) && keptLocked(locks, unlocks, g, l) && ps.lastIn(body, uses[OpUnlock], nestingOnly) {
				return true
			}
		}
	}
	return false
}

// mutexGatedAfter reports whether the goroutine that g starts begins by
// locking a mutex of the starter's frame that the starter holds from
// before g until after then on every path.
func mutexGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	first, ok := firstWait(body).(*ssa.Call)
	if !ok || syncOp(first.Common()) != OpLock || len(first.Call.Args) != 1 {
		return false
	}
	a, ok := bound[first.Call.Args[0]].(*ssa.Alloc)
	if !ok {
		return false
	}
	locks, unlocks, ok := localMutexUses(a, gi)
	if !ok {
		return false
	}
	if _, ok := mutexBodyUses(body, bound, a); !ok {
		return false
	}
	return keptLocked(locks, unlocks, g, then)
}
