package analyzer

import (
	"go/constant"
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Locks taken only when a flag field says so.
//
// `func (s *S) add() { if !s.inBatch { s.mu.Lock(); defer s.mu.Unlock() } ... }`
// locks only when the receiver's inBatch field is false; a caller that
// holds s.mu sets it first (`s.inBatch = true; s.add()`). The acquisition
// carries the field tests that dominate it (Acquire.Only), and a call site
// that has just stored a constant into that very field decides them: an
// acquisition its own store rules out neither conflicts nor orders. A call
// site that stored nothing there (or called anything in between) takes the
// acquisition as before.

// A FieldTest says that an acquisition happens only when the bool field at
// Path from parameter Param held Val when the function was entered.
type FieldTest struct {
	Param int
	Path  []string
	Val   bool
}

// fieldTests returns the tests of bool fields of parameters that dominate
// block b, each with the value it has on the way to b, for the fields the
// function never stores itself.
func (fa *fnAnalysis) fieldTests(b *ssa.BasicBlock) []FieldTest {
	var out []FieldTest
	for d, from := b.Idom(), b; d != nil; d, from = d.Idom(), d {
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		var val bool
		switch {
		case d.Succs[0] != d.Succs[1] && d.Succs[0].Dominates(from):
			val = true
		case d.Succs[0] != d.Succs[1] && d.Succs[1].Dominates(from):
			val = false
		default:
			continue
		}
		if k, yes, ok := condOf(ifi.Cond); ok && !k.isNil {
			if t, ok := fa.fieldTest(k.v, yes == val); ok {
				out = append(out, t)
			}
		}
	}
	return out
}

// fieldTest names the load v of a bool field reached from a parameter
// through fields alone, when the function stores no field of that name.
func (fa *fnAnalysis) fieldTest(v ssa.Value, val bool) (FieldTest, bool) {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL || !isBool(ld.Type()) {
		return FieldTest{}, false
	}
	root, chain := fieldChain(ld.X)
	var path []string
	for _, f := range chain {
		path = append(path, fieldName(f.X.Type(), f.Field))
	}
	p, ok := root.(*ssa.Parameter)
	if !ok || len(path) == 0 || storesField(fa.fn, path[len(path)-1]) {
		return FieldTest{}, false
	}
	return FieldTest{Param: paramIndex(fa.fn, p), Path: path, Val: val}, true
}

// storesField reports whether fn stores into a field named name.
func storesField(fn *ssa.Function, name string) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if f, ok := st.Addr.(*ssa.FieldAddr); ok && fieldName(f.X.Type(), f.Field) == name {
					return true
				}
			}
		}
	}
	return false
}

// ruledOut reports whether the call site has, since its last call, stored
// into a tested field a constant that contradicts the test.
func (fa *fnAnalysis) ruledOut(tests []FieldTest, b *binding) bool {
	if b.call == nil {
		return false
	}
	for _, t := range tests {
		if t.Param >= len(b.args) || b.args[t.Param] == nil {
			continue
		}
		target := extendPath(fa.r.resolve(b.args[t.Param]), t.Path).key()
		if val, ok := fa.storedBefore(b.call, target); ok && val != t.Val {
			return true
		}
	}
	return false
}

// storedBefore returns the constant bool the instructions of call's block
// before it last store at the field named by key, with no call in between.
func (fa *fnAnalysis) storedBefore(call ssa.Instruction, key string) (bool, bool) {
	instrs := call.Block().Instrs
	i := slices.Index(instrs, call)
	for i--; i >= 0; i-- {
		switch in := instrs[i].(type) {
		case *ssa.Call:
			return false, false
		case *ssa.Store:
			if _, ok := in.Addr.(*ssa.FieldAddr); !ok || fa.r.resolve(in.Addr).key() != key {
				continue
			}
			c, ok := in.Val.(*ssa.Const)
			if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
				return false, false
			}
			return constant.BoolVal(c.Value), true
		}
	}
	return false, false
}

func equalTests(a, b []FieldTest) bool {
	return slices.EqualFunc(a, b, func(x, y FieldTest) bool {
		return x.Param == y.Param && x.Val == y.Val && slices.Equal(x.Path, y.Path)
	})
}
