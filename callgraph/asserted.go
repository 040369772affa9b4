package callgraph

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Interface values narrowed by a type assertion.
//
// c, ok := s.w.(io.Closer) holds the same dynamic value as s.w: a type
// that implements io.Closer and also the interface s.w was declared with
// (io.Writer). A call c.Close() can only run the Close of a type that
// implements both: class-hierarchy analysis over io.Closer alone would
// also offer the Close of every closer of the package that is no writer.

// narrowAsserted drops from the candidates of a call on the interface value
// v those whose receiver type cannot be the dynamic type of the interface v
// was asserted from.
func narrowAsserted(v ssa.Value, fns []*ssa.Function) []*ssa.Function {
	if ex, ok := v.(*ssa.Extract); ok && ex.Index == 0 {
		v = ex.Tuple
	}
	ta, ok := v.(*ssa.TypeAssert)
	if !ok || len(fns) == 0 {
		return fns
	}
	src, ok := ta.X.Type().Underlying().(*types.Interface)
	if !ok || src.Empty() {
		return fns
	}
	var out []*ssa.Function
	for _, fn := range fns {
		if mayHold(fn, src) {
			out = append(out, fn)
		}
	}
	return out
}

// mayHold reports whether the receiver type of the method fn (or a pointer
// to it) implements the interface src.
func mayHold(fn *ssa.Function, src *types.Interface) bool {
	recv := fn.Signature.Recv()
	if recv == nil {
		return true
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return types.Implements(t, src) || types.Implements(types.NewPointer(t), src)
}
