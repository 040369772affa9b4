package analyzer

import (
	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Closures made by a factory.
//
// A closure returned by a function of this package (func (r *Reg) incr()
// func() { return func() { r.mu.Lock() ... } }) and called by the factory's
// caller captured the factory's values, which the caller cannot name in
// general. But a captured parameter of the factory is the argument the
// caller passed: when every return of the factory at that result index
// returns the closure made by one MakeClosure, the closure's free variables
// that are the factory's parameters bind to the factory call's arguments.
// (A parameter captured by reference lives in a cell the factory stores it
// in once; it binds the same way.) The other free variables stay unknown (an opaque, inexact lock that only
// orders classes).

// factoryFree returns the bindings of callee's free variables when fnValue
// is the result of a factory call that returns callee's closure, else nil.
func factoryFree(fnValue ssa.Value, callee *ssa.Function) []ssa.Value {
	call, index := (*ssa.Call)(nil), 0
	switch v := fnValue.(type) {
	case *ssa.Call:
		call = v
	case *ssa.Extract:
		call, _ = v.Tuple.(*ssa.Call)
		index = v.Index
	}
	if call == nil || call.Call.IsInvoke() {
		return nil
	}
	factory := call.Call.StaticCallee()
	if factory == nil || factory.Blocks == nil {
		return nil
	}
	var mc *ssa.MakeClosure
	for _, ret := range callgraph.Returns(factory) {
		if index >= len(ret.Results) {
			return nil
		}
		m, ok := ret.Results[index].(*ssa.MakeClosure)
		if !ok || m.Fn != callee || mc != nil && m != mc {
			return nil
		}
		mc = m
	}
	if mc == nil {
		return nil
	}
	free := make([]ssa.Value, len(mc.Bindings))
	for i, v := range mc.Bindings {
		if a, ok := v.(*ssa.Alloc); ok {
			// A captured parameter lives in a cell stored once, at entry:
			// the closure's load of it ("*") is transparent on the argument.
			v = uniqueStore(a)
		}
		if p, ok := v.(*ssa.Parameter); ok {
			if j := paramIndex(factory, p); j >= 0 && j < len(call.Call.Args) {
				free[i] = call.Call.Args[j]
			}
		}
	}
	return free
}
