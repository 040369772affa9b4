package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Locks handed to the caller.
//
// A function may return with a lock held for its caller to release: always
// (a "returns locked" helper), or only on the returns that report success
// (a conditional helper: `s, err := lockFor(k); if err != nil { return };
// defer s.Unlock()`). Two general rules make the caller's view exact:
//
//   - A lock that lives inside the object the function returns is named by
//     that result (BaseResult i and the path inside it), not by where the
//     function found the object (an element of a map it looked up): the
//     caller unlocks it through the value it received.
//   - A conditional helper's lock carries the result tests that tell the
//     caller it is held (a nil error, true, a non-nil object). At the
//     caller's branch on such a test, the lock is certainly held on the
//     success edge and certainly not held on the failure edge, instead of
//     "maybe held" after both. A second Lock after the success test is then
//     a double lock, and nothing is left "maybe held" on the error path.

// TestKind says what a result must be for a conditional helper's lock to be
// held.
type TestKind uint8

const (
	testNilError TestKind = iota + 1 // result is a nil error
	testTrue                         // result is true
	testNonNil                       // result is a non-nil pointer
)

// A ResultTest is one result a caller can test to know whether a
// conditional helper left its lock held.
type ResultTest struct {
	Index int
	Kind  TestKind
}

// condTest is a ResultTest instantiated at a call: the caller's value.
type condTest struct {
	val  ssa.Value
	kind TestKind
}

// resultTests recognises conditional lock helpers: it returns the results of
// fn that tell whether the lock is held. On every return that keeps it (held)
// the test succeeds (true, a nil error, a non-nil object) and on every
// return that releases it (free) it fails, so the caller knows whether to
// unlock.
func resultTests(fn *ssa.Function, held, free []exitState) []ResultTest {
	var out []ResultTest
	res := fn.Signature.Results()
	for i := 0; i < res.Len(); i++ {
		t := res.At(i).Type()
		switch {
		case isBool(t):
			if allResults(held, i, isConstBool(true)) && allResults(free, i, isConstBool(false)) {
				out = append(out, ResultTest{i, testTrue})
			}
		case isError(t):
			if allResults(held, i, isNilConst) && allResults(free, i, func(v ssa.Value) bool { return !isNilConst(v) }) {
				out = append(out, ResultTest{i, testNilError})
			}
		case isPointer(t):
			if allResults(held, i, func(v ssa.Value) bool { return !isNilConst(v) }) && allResults(free, i, isNilConst) {
				out = append(out, ResultTest{i, testNonNil})
			}
		}
	}
	return out
}

// resultsTell reports whether the caller can tell the returns that keep the
// lock (held) from those that free it (free) by their results taken
// together, where no single result tells alone: at some indices every held
// return hands back the same constant, and every free return differs at one
// of them, with another constant or with a value the function has just found
// non-nil where held returns nil. A reader lock with a fast path returns
// (true, t) with the fast path's token, (true, nil) holding the inner lock
// and (false, nil) with nothing: the caller's unlock reads the token.
func resultsTell(fn *ssa.Function, held, free []exitState) bool {
	n := fn.Signature.Results().Len()
	if n < 2 || len(held) == 0 || len(free) == 0 {
		return false
	}
	kept := make([]*ssa.Const, n) // the constant every held return gives, by index
	for i := range n {
		kept[i] = commonConst(held, i)
	}
	for _, x := range free {
		if x.ret == nil || len(x.ret.Results) != n {
			return false
		}
		differs := false
		for i, c := range kept {
			if c == nil {
				continue
			}
			v := returnedValue(x.ret.Block(), x.ret.Results[i])
			if d, ok := v.(*ssa.Const); ok {
				differs = !sameConst(c, d)
			} else {
				differs = c.Value == nil && nonNilOnEntry(fn, x.ret.Block(), func(y ssa.Value) bool { return y == v })
			}
			if differs {
				break
			}
		}
		if !differs {
			return false
		}
	}
	return true
}

// commonConst is the constant every return of exits gives at result i; nil
// when one gives no constant there or two give different ones.
func commonConst(exits []exitState, i int) *ssa.Const {
	var c *ssa.Const
	for _, x := range exits {
		if x.ret == nil || i >= len(x.ret.Results) {
			return nil
		}
		d, ok := returnedValue(x.ret.Block(), x.ret.Results[i]).(*ssa.Const)
		if !ok || c != nil && !sameConst(c, d) {
			return nil
		}
		c = d
	}
	return c
}

// sameConst reports whether two constants are the same value (two nils are).
func sameConst(a, b *ssa.Const) bool {
	if a.Value == nil || b.Value == nil {
		return a.Value == nil && b.Value == nil
	}
	return a.Value.Kind() == b.Value.Kind() && constant.Compare(a.Value, token.EQL, b.Value)
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// handedRef names a lock held at the given returns by the result it lives
// in, when on every one of them it lives inside the object returned at the
// same index: BaseResult i followed by the path inside the object.
//
// A lock the caller can already name (through a parameter, a captured
// variable or a global, not an element of a collection) keeps that name.
func (fa *fnAnalysis) handedRef(ref Ref, held []exitState) (Ref, bool) {
	if (ref.rewritable() || ref.Base == BaseGlobal) && !ref.element() {
		return Ref{}, false
	}
	n := fa.fn.Signature.Results().Len()
	for i := 0; i < n; i++ {
		var rest []string
		ok := len(held) > 0
		for _, x := range held {
			if x.ret == nil || i >= len(x.ret.Results) {
				ok = false
				break
			}
			obj := fa.r.resolve(returnedValue(x.ret.Block(), x.ret.Results[i]))
			p, in := within(obj, ref)
			if !in || (rest != nil && !slices.Equal(rest, p)) {
				ok = false
				break
			}
			rest = p
		}
		if ok {
			return Ref{Base: BaseResult, Index: i, Name: ref.Name, Path: slices.Clone(rest), Class: ref.Class, Inexact: ref.Inexact}, true
		}
	}
	return Ref{}, false
}

// within reports whether ref names something inside the object obj names
// (the same base, obj's path a prefix of ref's), and the rest of the path.
// An opaque or element object names no one object and contains nothing.
func within(obj, ref Ref) ([]string, bool) {
	if obj.Base == BaseOpaque && obj.Name == "" || obj.Base == BaseResult {
		return nil, false
	}
	if obj.Base != ref.Base || obj.Index != ref.Index || obj.Name != ref.Name || len(obj.Path) > len(ref.Path) || obj.Inexact != ref.Inexact {
		return nil, false
	}
	if !slices.Equal(obj.Path, ref.Path[:len(obj.Path)]) {
		return nil, false
	}
	return append([]string{}, ref.Path[len(obj.Path):]...), true
}

// refineCond applies a caller's branch on a conditional helper's result:
// the helper's locks are certainly held on the success edge and not held on
// the failure edge. outs are the states on b's two successors; they are
// copied before they change.
func (fa *fnAnalysis) refineCond(cond ssa.Value, outs []*lockState) {
	st := outs[0]
	var keys []string
	for _, h := range st.sortedHeld() {
		if len(h.tests) > 0 && !h.must {
			keys = append(keys, h.ref.key())
		}
	}
	for _, k := range keys {
		success, known := branchTells(cond, outs[0].held[k].tests)
		if !known {
			continue
		}
		for i := range outs {
			if outs[i].held[k].tests == nil {
				continue
			}
			outs[i] = outs[i].copy()
			if (i == 0) == success {
				h := outs[i].held[k]
				h.must = true
				outs[i].held[k] = h
			} else {
				delete(outs[i].held, k)
			}
		}
	}
}

// branchTells reports whether cond being true means the helper succeeded,
// when cond tests one of the helper's results.
func branchTells(cond ssa.Value, tests []condTest) (success, known bool) {
	negate := false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		cond, negate = u.X, !negate
	}
	for _, t := range tests {
		if t.val == nil {
			continue
		}
		switch t.kind {
		case testTrue:
			if cond == t.val {
				return !negate, true
			}
		case testNilError, testNonNil:
			bin, ok := cond.(*ssa.BinOp)
			if !ok || bin.Op != token.EQL && bin.Op != token.NEQ {
				continue
			}
			var other ssa.Value
			switch t.val {
			case bin.X:
				other = bin.Y
			case bin.Y:
				other = bin.X
			default:
				continue
			}
			if !isNilConst(other) {
				continue
			}
			isNil := bin.Op == token.EQL // cond true means val == nil
			ok = isNil == (t.kind == testNilError)
			return ok != negate, true
		}
	}
	return false, false
}
