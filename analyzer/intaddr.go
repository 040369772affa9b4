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
// an object (handedon.go) a uintptr parameter may carry an address (the
// resolver already names an integer that converts to a pointer as that
// pointer's object), and memory addressed through such a conversion is
// memory others may read: the model follows no integer to the object it
// holds, so what is stored there is out of its sight, and in the reach of
// whoever holds the address.

// isUintptr reports whether t is uintptr (an integer that may hold an
// address), as isUnsafePointer does for unsafe.Pointer.
func isUintptr(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uintptr
}

// isAddrConv reports whether c converts between an address's forms:
// pointers, unsafe.Pointer and uintptr.
func isAddrConv(c *ssa.Convert) bool {
	form := func(t types.Type) bool {
		_, ptr := t.Underlying().(*types.Pointer)
		return ptr || isUnsafePointer(t) || isUintptr(t)
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
