package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// The lock of one object held across a request to another.
//
// A goroutine that serves one object's channel and takes that object's
// lock (servesOwnNode: each object has a worker of its own, started by its
// constructor) waits only for a sender that holds the lock of the object
// it serves. The field classes alone cannot tell two objects of one type
// apart: `p.mu.Lock(); ch.Bump()` with p and ch two workers of a stack
// (c.workers[i] and c.workers[i+1]), or two objects two constructor calls
// made, names (*W).mu and (*W).reqs as a lock held across a send to its own
// receiver. The claim needs the sender to hold the lock of the very object
// whose channel it uses, seen as one value in its frame: the same variable,
// or the same field or element (same index value) of the same value.
// Two different values are another object, as the same field of another
// parameter is (fieldPartner), unless the data shows they are one, which
// nothing here does.

// heldOnAnother reports whether fn holds lock l (taken in fn itself) on a
// value other than the one whose channel field the operation op (fn's
// own, or made by the callee its first hop calls) uses.
func (ps *passState) heldOnAnother(fn *ssa.Function, sum *Summary, op ChanOp, l Ref) bool {
	if len(op.Chain) == 0 {
		return false
	}
	var lockOwner ssa.Value
	for _, a := range sum.Acquires {
		if len(a.Chain) != 1 || a.Ref.key() != l.key() {
			continue
		}
		v := ps.fieldOwnerAt(fn, a.Chain[0].Pos, nil)
		if v == nil || lockOwner != nil && !sameValue(lockOwner, v) {
			return false // taken on several values: no one owner to compare
		}
		lockOwner = v
	}
	if lockOwner == nil {
		return false
	}
	chOwner := ps.fieldOwnerAt(fn, op.Chain[0].Pos, lockOwner)
	return chOwner != nil && !sameValue(chOwner, lockOwner)
}

// fieldOwnerAt returns the value whose field the instruction at p in fn
// operates on: the X of `X.mu.Lock()`, of `X.reqs <- v` or `<-X.reqs`; at
// a call that reaches the operation in a callee, the one argument of like's
// type (nil when like is nil, or when none or several are).
func (ps *passState) fieldOwnerAt(fn *ssa.Function, p token.Position, like ssa.Value) ssa.Value {
	var out ssa.Value
	for _, instr := range ps.instrsAt(fn, p) {
		var v ssa.Value
		switch x := instr.(type) {
		case *ssa.Send:
			v = fieldBase(x.Chan)
		case *ssa.UnOp:
			if x.Op == token.ARROW {
				v = fieldBase(x.X)
			}
		case ssa.CallInstruction:
			c := x.Common()
			if op := apiOp(c); op == OpLock || op == OpRLock {
				v = fieldBase(c.Args[0])
			} else if like != nil {
				for _, a := range c.Args {
					if a.Type() == like.Type() {
						if v != nil {
							return nil
						}
						v = a
					}
				}
			}
		}
		if v != nil {
			if out != nil && !sameValue(out, v) {
				return nil
			}
			out = v
		}
	}
	return out
}

// fieldBase returns X for a field X.f or a load of it, nil otherwise.
func fieldBase(v ssa.Value) ssa.Value {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		v = u.X
	}
	if fa, ok := v.(*ssa.FieldAddr); ok {
		return fa.X
	}
	return nil
}

// sameValue reports whether a and b are one value of the frame: the same
// SSA value, or loads, fields or elements (at the same index value) of
// one value.
func sameValue(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	switch x := a.(type) {
	case *ssa.UnOp:
		y, ok := b.(*ssa.UnOp)
		return ok && x.Op == token.MUL && y.Op == token.MUL && sameValue(x.X, y.X)
	case *ssa.FieldAddr:
		y, ok := b.(*ssa.FieldAddr)
		return ok && x.Field == y.Field && sameValue(x.X, y.X)
	case *ssa.Field:
		y, ok := b.(*ssa.Field)
		return ok && x.Field == y.Field && sameValue(x.X, y.X)
	case *ssa.IndexAddr:
		y, ok := b.(*ssa.IndexAddr)
		return ok && sameIndex(x.Index, y.Index) && sameValue(x.X, y.X)
	case *ssa.Index:
		y, ok := b.(*ssa.Index)
		return ok && sameIndex(x.Index, y.Index) && sameValue(x.X, y.X)
	}
	return false
}

// sameIndex reports whether two index values are one: the same value, or
// equal constants.
func sameIndex(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	x, ok1 := a.(*ssa.Const)
	y, ok2 := b.(*ssa.Const)
	return ok1 && ok2 && x.Value != nil && y.Value != nil && x.Value.ExactString() == y.Value.ExactString()
}
