package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Addresses kept as integers.
//
// Go translated from C (modernc.org's libraries) keeps its objects at
// addresses held in uintptr variables: a lock is reached as
// (*mutex)(unsafe.Pointer(mu)), handed to a callee as the integer mu, and
// stored by it in memory it also reaches through an integer,
// (*Tsqlite3)(unsafe.Pointer(db)).FpUnlockArg = arg. For the hand-off of
// an object (handedon.go) an integer that converts to its pointer is the
// object, and memory addressed through such a conversion is memory
// others may read: the model follows no integer to the object it holds,
// so what is stored there is out of its sight, and in the reach of
// whoever holds the address.

// isUintptr reports whether t is uintptr (an integer that may hold an
// address).
func isUintptr(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uintptr
}

// isAddrConv reports whether c converts between an address's forms:
// pointers, unsafe.Pointer and uintptr.
func isAddrConv(c *ssa.Convert) bool {
	form := func(t types.Type) bool {
		if _, ok := t.Underlying().(*types.Pointer); ok {
			return true
		}
		b, ok := t.Underlying().(*types.Basic)
		return ok && (b.Kind() == types.UnsafePointer || b.Kind() == types.Uintptr)
	}
	return form(c.Type()) && form(c.X.Type())
}

// fromInteger reports whether the address v was made from an integer,
// possibly after arithmetic on it (unsafe.Pointer(db + 8)).
func fromInteger(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.Convert:
			if !isAddrConv(x) {
				return false
			}
			if isUintptr(x.X.Type()) {
				return true
			}
			v = x.X
		case *ssa.BinOp:
			return (x.Op == token.ADD || x.Op == token.SUB) && isUintptr(x.Type())
		default:
			return false
		}
	}
}

// addressForms returns the values that hold the same address as v in its
// other forms: the conversions v was made by, from a pointer to an
// unsafe.Pointer to a uintptr and back, and the conversions made of v.
func addressForms(v ssa.Value) []ssa.Value {
	seen := map[ssa.Value]bool{v: true}
	work := []ssa.Value{v}
	var out []ssa.Value
	add := func(x ssa.Value) {
		if !seen[x] {
			seen[x] = true
			work = append(work, x)
			out = append(out, x)
		}
	}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if c, ok := x.(*ssa.Convert); ok && isAddrConv(c) {
			add(c.X)
		}
		if refs := x.Referrers(); refs != nil {
			for _, r := range *refs {
				if c, ok := r.(*ssa.Convert); ok && isAddrConv(c) {
					add(c)
				}
			}
		}
	}
	return out
}
