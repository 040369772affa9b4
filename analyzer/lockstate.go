package analyzer

import (
	"go/token"
	"maps"

	"golang.org/x/tools/go/ssa"
)

// heldLock is one lock in the lockset at a program point.
type heldLock struct {
	ref   Ref
	mode  Mode
	must  bool      // held on every path to this point (not just some)
	local bool      // acquired in this function, not inherited from the caller
	chain Chain     // how it came to be held, from the function's entry
	pos   token.Pos // where this function acquired it
	// condOf is set when a conditional lock helper left the lock maybe held:
	// an unlock here shows the helper's callers know it.
	condOf *ssa.Function
	// untold is set for a helper's lock that no result of the call tells
	// about (a "stop once" helper, or a function passing another helper's
	// lock on): held or not is more than the caller knows, so it orders
	// no lock taken after it.
	untold bool
	// doubtful is set when a call after the acquisition may have released
	// it in a way the lockset cannot apply (see doubtHeld): still held as
	// far as lock order goes, but no proof that a second acquisition finds
	// it held.
	doubtful bool
	// guess: acquired through an interface call class-hierarchy analysis
	// resolved (see Acquire.Guess).
	guess bool
	// own: every path took it by a Lock call of this function's own code,
	// naming it the same way (see ownLock), or by a static call of a
	// callee that returns holding it on every path (named heldName);
	// "" otherwise. What relock's and callrelock's claims rest on.
	own string
	// g, for a lock that is not must-held, says it is held exactly when a
	// tracked branch condition has a value (see condGuard): a later branch
	// on the same condition makes it certainly held or certainly free.
	g     condGuard
	tests []condTest // and the caller's results that tell whether it is held
	// since is the instruction of this function that acquired it, the
	// same on every path to this point (nil when paths differ or the
	// acquisition is not this function's own Lock): with must, the lock
	// has been held without a break since that instruction ran.
	since ssa.Instruction
}

// releasedLock is a caller's lock this function released, and how it was
// held (an RUnlock releases a read lock).
type releasedLock struct {
	ref  Ref
	read bool
}

// lockState is the dataflow fact at one program point: the locks held, the
// caller's locks released here, and the defers registered so far.
type lockState struct {
	held     map[string]heldLock
	released map[string]releasedLock
	defers   []*op
	dguards  []condGuard // per defer: registered only when a tracked condition has a value
	dead     bool        // unreachable: after a panic, a call that never returns, or a branch the path's conditions rule out
	// known and vals are the path's facts about the function's tracked
	// branch conditions (see trackConds): bit i of known is set when
	// condition i has a value on every path to this point, bit i of vals is
	// that value.
	known, vals uint8
	// done holds the Onces whose Do has returned on every path to this
	// point (see oncedone.go), by key.
	done map[string]Ref
}

func newLockState() *lockState {
	return &lockState{held: map[string]heldLock{}, released: map[string]releasedLock{}}
}

func (s *lockState) copy() *lockState {
	c := &lockState{held: make(map[string]heldLock, len(s.held)), released: make(map[string]releasedLock, len(s.released)), dead: s.dead,
		known: s.known, vals: s.vals}
	for k, v := range s.held {
		c.held[k] = v
	}
	for k, v := range s.released {
		c.released[k] = v
	}
	c.defers = append([]*op(nil), s.defers...)
	c.dguards = append([]condGuard(nil), s.dguards...)
	if len(s.done) > 0 {
		c.done = maps.Clone(s.done)
	}
	return c
}

// join merges the states of two incoming edges. A lock held on only one of
// them becomes "may be held"; defers and releases are unions.
//
// The merge is path-sensitive in the manner of ESP's property simulation
// (Das, Lerner, Seigle, PLDI 2002), bounded to one condition per lock: the
// condition facts both edges agree on survive, and a lock (or a defer) that
// only one edge has is kept with a guard when the edges disagree on a
// tracked condition, so that a later branch on that condition knows whether
// it is held. `if f { mu.Lock() } ...; if f { mu.Unlock() }` then never
// combines the Lock of one path with the no-Unlock of the other.
func join(a, b *lockState) *lockState {
	if a == nil || a.dead {
		return b.copy()
	}
	if b.dead {
		return a.copy()
	}
	out := a.copy()
	out.known = a.known & b.known &^ (a.vals ^ b.vals)
	out.vals = a.vals & out.known
	for k, h := range out.held {
		hb, ok := b.held[k]
		h.must, h.g = mergeGuard(h.must, h.g, a, ok, hb.must, hb.g, b)
		// Doubtful only where every path is: a double lock needs one path
		// on which nothing may have released the lock, and the path
		// without the call (an optional handler left nil) is one.
		h.doubtful = h.doubtful && (!ok || hb.doubtful)
		if ok && hb.own != h.own {
			h.own = ""
		}
		if !ok || hb.since != h.since {
			h.since = nil
		}
		out.held[k] = h
	}
	for k, h := range b.held {
		if _, ok := out.held[k]; !ok {
			h.must, h.g = mergeGuard(h.must, h.g, b, false, false, condGuard{}, a)
			h.since = nil
			out.held[k] = h
		}
	}
	for k, v := range b.released {
		out.released[k] = v
	}
	for k := range out.done {
		if _, ok := b.done[k]; !ok {
			delete(out.done, k) // done on every path only
		}
	}
	for i, d := range out.defers {
		j := indexOp(b.defers, d)
		var gb condGuard
		if j >= 0 {
			gb = b.dguards[j]
		}
		_, out.dguards[i] = mergeGuard(!a.dguards[i].set, a.dguards[i], a, j >= 0, j >= 0 && !gb.set, gb, b)
	}
	for j, d := range b.defers {
		if !containsOp(out.defers, d) {
			_, g := mergeGuard(!b.dguards[j].set, b.dguards[j], b, false, false, condGuard{}, a)
			out.defers = append(out.defers, d)
			out.dguards = append(out.dguards, g)
		}
	}
	return out
}

// condGuard names a tracked condition (by its index, see trackConds) and
// the value under which something is present.
type condGuard struct {
	set bool
	idx uint8
	val bool
}

// holds reports what the state knows of the guard: whether its condition
// has a value here, and whether that value is the guard's.
func (s *lockState) holds(g condGuard) (known, yes bool) {
	bit := uint8(1) << g.idx
	if s.known&bit == 0 {
		return false, false
	}
	return true, (s.vals&bit != 0) == g.val
}

// mergeGuard merges one item (a held lock, a defer) present in state a
// (certainly when mustA, else under guard ga) with the same item in b
// (present when inB: certainly when mustB, else under gb). It returns
// whether the item is certain after the merge, and its guard if not.
func mergeGuard(mustA bool, ga condGuard, a *lockState, inB, mustB bool, gb condGuard, b *lockState) (bool, condGuard) {
	if inB {
		switch {
		case mustA && mustB:
			return true, condGuard{}
		case !mustA && !mustB && ga == gb:
			return false, ga
		case mustA && gb.set:
			if known, yes := a.holds(gb); known && yes {
				return false, gb
			}
		case mustB && ga.set:
			if known, yes := b.holds(ga); known && yes {
				return false, ga
			}
		}
		return false, condGuard{}
	}
	if !mustA {
		if known, yes := b.holds(ga); ga.set && known && !yes {
			return false, ga
		}
		return false, condGuard{}
	}
	// Certain in a, absent in b: the lowest condition they disagree on.
	if diff := a.known & b.known & (a.vals ^ b.vals); diff != 0 {
		for i := uint8(0); i < 8; i++ {
			if bit := uint8(1) << i; diff&bit != 0 {
				return false, condGuard{set: true, idx: i, val: a.vals&bit != 0}
			}
		}
	}
	return false, condGuard{}
}

// assume records that tracked condition idx has value val on this path: a
// lock or defer guarded by it becomes certain or disappears.
func (s *lockState) assume(idx uint8, val bool) {
	bit := uint8(1) << idx
	s.known |= bit
	if val {
		s.vals |= bit
	} else {
		s.vals &^= bit
	}
	for k, h := range s.held {
		if h.g.set && h.g.idx == idx {
			if h.g.val == val {
				h.must, h.g = true, condGuard{}
				s.held[k] = h
			} else {
				delete(s.held, k)
			}
		}
	}
	n := 0
	for i, d := range s.defers {
		g := s.dguards[i]
		if g.set && g.idx == idx {
			if g.val != val {
				continue
			}
			g = condGuard{}
		}
		s.defers[n], s.dguards[n] = d, g
		n++
	}
	s.defers, s.dguards = s.defers[:n], s.dguards[:n]
}

// forget drops what the state knows of the conditions in mask (values
// defined again, on a new loop iteration): guards on them become plain
// "may".
func (s *lockState) forget(mask uint8) {
	if mask == 0 {
		return
	}
	s.known &^= mask
	s.vals &^= mask
	for k, h := range s.held {
		if h.g.set && mask&(1<<h.g.idx) != 0 {
			h.g = condGuard{}
			s.held[k] = h
		}
	}
	for i, g := range s.dguards {
		if g.set && mask&(1<<g.idx) != 0 {
			s.dguards[i] = condGuard{}
		}
	}
}

func indexOp(ops []*op, o *op) int {
	for i, x := range ops {
		if x == o {
			return i
		}
	}
	return -1
}

func containsOp(ops []*op, o *op) bool {
	for _, x := range ops {
		if x == o {
			return true
		}
	}
	return false
}

// equal reports whether two states carry the same facts (chains aside, which
// are fixed by the first path that reaches a point).
func (s *lockState) equal(o *lockState) bool {
	if s.dead != o.dead || len(s.held) != len(o.held) || len(s.released) != len(o.released) || len(s.defers) != len(o.defers) ||
		s.known != o.known || s.vals != o.vals || len(s.done) != len(o.done) {
		return false
	}
	for k := range s.done {
		if _, ok := o.done[k]; !ok {
			return false
		}
	}
	for k, h := range s.held {
		if oh, ok := o.held[k]; !ok || oh.must != h.must || oh.mode != h.mode || oh.g != h.g || oh.own != h.own || oh.doubtful != h.doubtful || oh.since != h.since {
			return false
		}
	}
	for i, d := range s.defers {
		if j := indexOp(o.defers, d); j < 0 || o.dguards[j] != s.dguards[i] {
			return false
		}
	}
	for k := range s.released {
		if _, ok := o.released[k]; !ok {
			return false
		}
	}
	return true
}

// sortedHeld returns the held locks in key order, for deterministic output.
func (s *lockState) sortedHeld() []heldLock { return sortedValues(s.held, len(s.held)) }

// releasedRefs returns the caller's locks released so far, in key order.
func (s *lockState) releasedRefs() []Ref {
	out := make([]Ref, 0, len(s.released))
	for _, r := range sortedValues(s.released, len(s.released)) {
		out = append(out, r.ref)
	}
	return out
}

// unsureOfClass returns the held lock a release of ref may be releasing
// when ref is not held by its own name: one of ref's class where either
// name is not exact (a map or slice element, a callee's fresh or opaque
// lock), so that the two may be the same lock. A keyed lock table
// (Lock(key) leaves the key's lock held, Unlock(key) looks it up again and
// releases it) is released this way; the claim that the lock is still
// held would rest on the two being different, which nothing shows. The
// first such lock in key order, for a deterministic choice.
func (s *lockState) unsureOfClass(ref Ref) (heldLock, bool) {
	if !ref.Class.known() {
		return heldLock{}, false
	}
	for _, h := range s.sortedHeld() {
		if h.ref.Class.Key == ref.Class.Key && (!h.ref.exact() || !ref.exact()) {
			return h, true
		}
	}
	return heldLock{}, false
}
