package analyzer

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Branches on a boolean that holds one constant on every path.
//
// `held := true; for ... { mu.Unlock(); held = false; sleep(); mu.Lock();
// held = true }; if held { mu.Unlock() }`: the flag is false only between
// two statements of the loop body, and every definition that reaches the
// test stores true; SSA gives the test a phi of true and true. Its false
// edge is never taken, and a lock "kept" along it is kept on no path. The
// rule is constant propagation through phis alone: a value is a constant
// when it is one, or the negation of one, or a phi whose every operand
// (phis followed, cycles ignored) is the same constant.

const maxConstPhis = 8

// constBool reports the value v has on every path, if it is one boolean
// constant.
func constBool(v ssa.Value) (val, ok bool) {
	return constBoolIn(v, make(map[*ssa.Phi]bool))
}

// constBoolIn is constBool; open holds the phis being walked. A phi met
// again through a negation (`on = !on` in a loop) toggles: it is no
// constant, and walking it again would not end. Negations nested deeper
// than maxConstPhis phis are left unknown.
func constBoolIn(v ssa.Value, open map[*ssa.Phi]bool) (val, ok bool) {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil || v.Value.Kind() != constant.Bool {
			return false, false
		}
		return constant.BoolVal(v.Value), true
	case *ssa.UnOp:
		if v.Op != token.NOT {
			return false, false
		}
		val, ok := constBoolIn(v.X, open)
		return !val, ok
	case *ssa.Phi:
		if open[v] || len(open) >= maxConstPhis {
			return false, false
		}
		open[v] = true
		defer delete(open, v)
		set := false
		all := phiEdges(v, func(_ *ssa.Phi, _ int, e ssa.Value) bool {
			x, ok := constBoolIn(e, open)
			if !ok || set && x != val {
				return false
			}
			val, set = x, true
			return true
		})
		return val, all && set
	}
	return false, false
}

// constEdge is the successor a branch on a constant condition never takes.
func constEdge(cond ssa.Value) (int, bool) {
	val, ok := constBool(cond)
	if !ok {
		return 0, false
	}
	if val {
		return 1, true
	}
	return 0, true
}
