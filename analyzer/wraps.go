package analyzer

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// wraps reports whether lock to lives in a value that from's object holds
// in an interface-typed field: from is field x of some object o, and to is
// reached from o through its fields, one of them of interface type (o.f, f
// a decorator's wrapped writer, conn or store, or o.g.f). Such an edge orders o's lock before the lock of
// the value o wraps, another object unless o wraps itself. A cycle made of
// such edges alone (A's lock, then the B it wraps; B's lock, then the A it
// wraps) deadlocks only if some value wraps itself through the others,
// which nothing in the model witnesses: the interface hides what was put
// there. See lockOrderCycles.
func (fa *fnAnalysis) wraps(from, to Ref) bool {
	if from.Base != to.Base || from.Index != to.Index || from.Name != to.Name || len(from.Path) == 0 {
		return false
	}
	t := rootType(fa.fn, from)
	if t == nil {
		return false
	}
	at := len(from.Path) - 1 // o is the value at from.Path[:at]
	if len(to.Path) < at+2 || !slices.Equal(from.Path[:at], to.Path[:at]) || to.Path[at] == from.Path[at] {
		return false
	}
	for _, name := range from.Path[:at] {
		if t = fieldType(t, name); t == nil {
			return false
		}
	}
	return crossesIface(t, to.Path[at:])
}

// throughWrapped reports whether r, a lock in fn's frame, lies in a value
// that its root's object holds in an interface-typed field: o.out.mu, out
// a decorator's wrapped io.Writer. That is another object than o unless o
// wraps itself, which nothing in the model witnesses (see wraps): a
// partner that takes it takes no lock of o's.
func throughWrapped(fn *ssa.Function, r Ref) bool {
	t := rootType(fn, r)
	return t != nil && crossesIface(t, r.Path)
}

// rootType is the type of the parameter or captured variable r is based
// at, nil for any other root.
func rootType(fn *ssa.Function, r Ref) types.Type {
	switch r.Base {
	case BaseParam:
		if r.Index < len(fn.Params) {
			return fn.Params[r.Index].Type()
		}
	case BaseFree:
		if r.Index < len(fn.FreeVars) {
			return fn.FreeVars[r.Index].Type()
		}
	}
	return nil
}

// crossesIface reports whether the fields of path, from a value of type t
// and before its last step (the lock itself), go through one of interface
// type.
func crossesIface(t types.Type, path []string) bool {
	for i := 0; i < len(path)-1; i++ {
		if t = fieldType(t, path[i]); t == nil {
			return false
		}
		if types.IsInterface(t) {
			return true
		}
	}
	return false
}

// fieldType is the type of the field called name of the struct t is (or
// points to); nil for a path marker or anything else.
func fieldType(t types.Type, name string) types.Type {
	i := fieldIndex(t, name)
	if i < 0 {
		return nil
	}
	return deref(t).Underlying().(*types.Struct).Field(i).Type()
}
