package analyzer

import (
	"go/types"
	"slices"
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
	var t types.Type
	switch from.Base {
	case BaseParam:
		if from.Index >= len(fa.fn.Params) {
			return false
		}
		t = fa.fn.Params[from.Index].Type()
	case BaseFree:
		if from.Index >= len(fa.fn.FreeVars) {
			return false
		}
		t = fa.fn.FreeVars[from.Index].Type()
	default:
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
	for _, name := range to.Path[at : len(to.Path)-1] {
		if t = fieldType(t, name); t == nil {
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
