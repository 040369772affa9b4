package callgraph

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Setters that append, and setters that hand their parameter on.
//
// A parameter appended to a container field (m.handlers = append(m.handlers,
// h)), put at an index of one or in a map field, lands in that container as
// a parameter stored into a plain field lands in the field. And a function
// that passes its function parameter, unchanged, to a setter (by a static
// call, or by an interface call this package resolves) is a setter of the
// same fields: RegisterEventHandler(f) { c.monitor.AppendEventHandler(f) }
// files whatever its callers pass among the monitor's handlers. The object
// of such a store is not followed (obj -1): only the functions are.

// Unconverted sees through a function value's conversions to a named
// func type and back.
func Unconverted(v ssa.Value) ssa.Value {
	for {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			return v
		}
		v = ct.X
	}
}

// add files one store of fn's parameter i, once; it reports whether it was
// new.
func (s setters) add(fn *ssa.Function, i int, st setterStore) bool {
	if i < 0 {
		return false
	}
	for _, old := range s[fn][i] {
		if old.key == st.key {
			return false
		}
	}
	if s[fn] == nil {
		s[fn] = make(map[int][]setterStore)
	}
	s[fn][i] = append(s[fn][i], st)
	return true
}

// A resolver returns the implementations of an interface method the package
// knows (Graph.implementations).
type resolver func(iface types.Type, m *types.Func) []*ssa.Function

// callTargets returns the functions a call may run whose parameters a setter
// can store, with the offset of the call's first argument among their
// parameters (1 for an interface call, whose receiver is the callee's first
// parameter). Without a resolver, interface calls have none.
func callTargets(c *ssa.CallCommon, impls resolver) ([]*ssa.Function, int) {
	if c.IsInvoke() {
		if impls == nil {
			return nil, 0
		}
		return impls(c.Value.Type(), c.Method), 1
	}
	if fn := c.StaticCallee(); fn != nil {
		return []*ssa.Function{origin(fn)}, 0
	}
	return nil, 0
}

// forwardSetters makes a setter of every function of funcs that passes a
// parameter to a setter's stored parameter, until nothing changes. Only
// the calls that pass a function-typed parameter on can forward one: they
// are gathered once, then gone over until no setter is added.
func forwardSetters(funcs []*ssa.Function, s setters, impls resolver) {
	if len(s) == 0 {
		return
	}
	type handOn struct {
		fn      *ssa.Function
		param   int // the caller's parameter passed on
		targets []*ssa.Function
		index   int // its index among the targets' parameters
	}
	var calls []handOn
	for fn, call := range callsIn(funcs) {
		var targets []*ssa.Function
		off := 0
		for j, a := range call.Common().Args {
			p, ok := Unconverted(a).(*ssa.Parameter)
			if !ok || !isFunc(p.Type()) {
				continue
			}
			if targets == nil {
				if targets, off = callTargets(call.Common(), impls); targets == nil {
					break
				}
			}
			calls = append(calls, handOn{fn, paramIndex(fn, p), targets, j + off})
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range calls {
			for _, t := range c.targets {
				for _, st := range s[t][c.index] {
					if s.add(c.fn, c.param, setterStore{st.key, -1}) {
						changed = true
					}
				}
			}
		}
	}
}

// isFunc reports whether t is a function type.
func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// StoresArg reports whether a callee of site stores its argument i (an
// index into site.Args()) into a field or a container field, itself or
// through the setter it hands it to: the function value it is given is
// kept, to be called later through that field.
func (g *Graph) StoresArg(site *Site, i int) bool {
	for _, c := range site.Callees {
		if len(g.flow.setters[c][i]) > 0 {
			return true
		}
	}
	return false
}
