package analyzer

import (
	"go/token"

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
	tests  []condTest // and the caller's results that tell whether it is held
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
	dead     bool // unreachable: after a panic or a call that never returns
}

func newLockState() *lockState {
	return &lockState{held: map[string]heldLock{}, released: map[string]releasedLock{}}
}

func (s *lockState) copy() *lockState {
	c := &lockState{held: make(map[string]heldLock, len(s.held)), released: make(map[string]releasedLock, len(s.released)), dead: s.dead}
	for k, v := range s.held {
		c.held[k] = v
	}
	for k, v := range s.released {
		c.released[k] = v
	}
	c.defers = append([]*op(nil), s.defers...)
	return c
}

// join merges the states of two incoming edges. A lock held on only one of
// them becomes "may be held"; defers and releases are unions.
func join(a, b *lockState) *lockState {
	if a == nil || a.dead {
		return b.copy()
	}
	if b.dead {
		return a.copy()
	}
	out := a.copy()
	for k, h := range out.held {
		if hb, ok := b.held[k]; !ok {
			h.must = false
			out.held[k] = h
		} else if !hb.must {
			h.must = false
			out.held[k] = h
		}
	}
	for k, h := range b.held {
		if _, ok := out.held[k]; !ok {
			h.must = false
			out.held[k] = h
		}
	}
	for k, v := range b.released {
		out.released[k] = v
	}
	for _, d := range b.defers {
		if !containsOp(out.defers, d) {
			out.defers = append(out.defers, d)
		}
	}
	return out
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
	if s.dead != o.dead || len(s.held) != len(o.held) || len(s.released) != len(o.released) || len(s.defers) != len(o.defers) {
		return false
	}
	for k, h := range s.held {
		if oh, ok := o.held[k]; !ok || oh.must != h.must || oh.mode != h.mode {
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
