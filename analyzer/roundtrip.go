package analyzer

import (
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Paths that lead back to where they start.
//
// A method of T may reach a resource of its own receiver by a detour: a
// connection's handler calls back c.receiver.onConfig, a method value of
// c itself, so the channel it waits on, named c.receiver.onConfig.$fv0.done,
// is c.done. Named by path, the two are different channels of one class,
// and a claim about "its own" channel would rest on the class alone. The
// model proves the detour closes when every object of T the package makes
// gets, through fields set once when it is made (stable fields, see
// fieldbind.go) and the bindings of the method values stored there, back to
// itself; objects made elsewhere cannot set the unexported fields on the
// path. Anything it cannot follow (an element of a slice, a field stored
// twice, a call result) leaves the two apart.

// pathReturns reports whether following path from any object of type t
// the package allocates leads back to that object.
func (ps *passState) pathReturns(t types.Type, path []string) bool {
	if ps.aliases == nil || len(path) == 0 {
		return false
	}
	named, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || named.Obj().Pkg() != ps.pass.Pkg {
		return false
	}
	n := 0
	for _, fn := range ps.graph.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				a, ok := instr.(*ssa.Alloc)
				if !ok || !types.Identical(deref(a.Type()), named) {
					continue
				}
				if ps.follow(a, path) != ssa.Value(a) {
					return false
				}
				n++
			}
		}
	}
	return n > 0
}

// follow walks path from the value v through stable fields stored once
// and the bindings of closures; nil where it cannot.
func (ps *passState) follow(v ssa.Value, path []string) ssa.Value {
	for _, step := range path {
		v = unwrapIface(v)
		switch {
		case strings.HasPrefix(step, "$fv"):
			mc, ok := v.(*ssa.MakeClosure)
			i, err := strconv.Atoi(step[len("$fv"):])
			if !ok || err != nil || i >= len(mc.Bindings) {
				return nil
			}
			v = mc.Bindings[i]
		default:
			a, ok := v.(*ssa.Alloc)
			i := fieldIndex(v.Type(), step)
			if !ok || i < 0 {
				return nil
			}
			if v = ps.aliases.storedOnce(ps, a, i); v == nil {
				return nil
			}
		}
	}
	return unwrapIface(v)
}

// unwrapIface strips the conversions that keep the object a value is.
func unwrapIface(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}
