package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Correlated sends.
//
// A goroutine may send only on one side of a test of a value its starter
// hands it (a captured variable that never changes, or an argument of the
// go statement), and its starter may receive only on that same side of its
// own test of the value:
//
//	go func() {
//		if quick {
//			return
//		}
//		ch <- slow()
//	}()
//	if quick {
//		return 0
//	}
//	return <-ch
//
// The paths on which the starter leaves without receiving are the paths on
// which the goroutine does not send, so none of its sends is left behind.
// Counted over all paths, both tests fall apart and the return looks like
// an abandoned sender. The rule is ESP's path-sensitivity applied across
// the go statement: the starter's paths are cut to the side on which the
// goroutine sends, and on every one of them it must receive as often as the
// goroutine may send.

// sendsOnlyWhenTaken reports whether goroutine g, the one sender on u's
// channel, sends only on one side of a test of a value its starter binds
// and, on the paths from start consistent with that side, the starter
// receives at least as often as g may send.
func (fa *fnAnalysis) sendsOnlyWhenTaken(u *chanUse, g *participant, start *ssa.BasicBlock) bool {
	s := g.spawn
	if s.bound == nil || s.body == nil || g.many || g.maxSends() >= inf {
		return false
	}
	// The goroutine's tested value may be known to the starter two ways:
	// as the value it bound (a captured parameter), and as the value the
	// goroutine handed it over a channel (handed.go). Either is the same
	// condition; the starter's test may be written on either.
	return fa.sendsOnlyWhenTakenBy(u, g, start, false) || fa.sendsOnlyWhenTakenBy(u, g, start, true)
}

// sendsOnlyWhenTakenBy is sendsOnlyWhenTaken with the starter's value of
// the goroutine's test found first through what it bound (handedFirst
// false) or what the goroutine sent it (true).
func (fa *fnAnalysis) sendsOnlyWhenTakenBy(u *chanUse, g *participant, start *ssa.BasicBlock, handedFirst bool) bool {
	s := g.spawn
	k := u.ref.key()
	name := fa.ps.name(s.body)
	var key sideKey
	side, found := false, false
	for _, c := range opsOn(g.ops, k, OpSend) {
		if len(c.Chain) < 2 || c.Chain[1].Func != name {
			return false // a send of another frame: its tests are not at hand
		}
		for _, at := range fa.ps.instrsAt(s.body, c.Chain[1].Pos) {
			if handedFirst {
				if k2, val, ok := handedConst(s, at); ok { // handed.go
					if found && (k2 != key || val != side) {
						return false
					}
					key, side, found = k2, val, true
					continue
				}
			}
			// The nearest test the starter can name decides: a test of
			// the goroutine's own results nearer the send (`if err !=
			// nil { close(ch); return }`) does not tell the starter's
			// paths apart, one further up may.
			ok := false
			for _, g := range sendGuards(at.Block()) {
				k2, val, bound := fa.boundSide(s, g, at, handedFirst)
				if bound && (!found || k2 == key && val == side) {
					key, side, found, ok = k2, val, true, true
					break
				}
			}
			if !ok {
				return false
			}
		}
	}
	if !found {
		return false
	}
	fa.cut = key.cut(side)
	n := fa.pathCounts(start, k)
	fa.cut = nil
	return n.MinRecv >= g.maxSends()
}

// A sideKey is what a test decides, told apart from how it is written: a
// condition of condOf (a bool value, or whether a value is nil), or a
// comparison of a value with a constant, its operator turned to ==, < or >
// (x >= 0 is !(x < 0)), so that the goroutine's `if x < 0 { return }` and
// its starter's `if x < 0 { return err }`, two instructions, are one test.
type sideKey struct {
	cond condKey
	op   token.Token // 0 for condOf's conditions
	is   string      // the constant compared with (constRepr)
}

// sideKeyOf returns the key of a branch condition and its value on the
// side given (onTrue: the If's true edge).
func sideKeyOf(cond ssa.Value, onTrue bool) (sideKey, bool, bool) {
	if k, op, is, whenTrue, ok := cmpOf(cond); ok {
		return sideKey{cond: condKey{v: k}, op: op, is: is}, whenTrue == onTrue, true
	}
	k, whenTrue, ok := condOf(cond)
	if !ok {
		return sideKey{}, false, false
	}
	return sideKey{cond: k}, whenTrue == onTrue, true
}

// cmpOf matches a comparison of a value with an integer or string
// constant (constCmp, nil left to condOf), its operator turned to ==, < or
// >: the value, the canonical operator, the constant, and the value of the
// comparison when cond is true.
func cmpOf(cond ssa.Value) (v ssa.Value, op token.Token, is string, whenTrue, ok bool) {
	x, op, is, whenTrue, ok := constCmp(cond)
	if !ok || is == "nil" {
		return nil, 0, "", false, false
	}
	if arg, isLen := lenOf(x); isLen {
		// A length never changes while its operand does not: the key is
		// the operand, and a length is never negative, so every test of
		// it against 0 or 1 is whether it is empty (len(s) > 0 is
		// !(len(s) == 0)).
		x = arg
		switch {
		case op == token.GTR && is == "0", op == token.GEQ && is == "1":
			op, is, whenTrue = token.EQL, "0", !whenTrue
		case op == token.LSS && is == "1", op == token.LEQ && is == "0":
			op, is = token.EQL, "0"
		}
		is = "len:" + is
	}
	switch op {
	case token.NEQ:
		op, whenTrue = token.EQL, !whenTrue
	case token.GEQ:
		op, whenTrue = token.LSS, !whenTrue
	case token.LEQ:
		op, whenTrue = token.GTR, !whenTrue
	}
	return stableLoad(x), op, is, whenTrue, true
}

// cut leaves out the edges of every branch on the key that are taken when
// it is not val (keyCut, for comparisons as well).
func (k sideKey) cut(val bool) func(from, to *ssa.BasicBlock) bool {
	if k.op == 0 {
		return keyCut(k.cond, val)
	}
	return branchCut(func(cond ssa.Value) (bool, bool) {
		v, op, is, whenTrue, ok := cmpOf(cond)
		return whenTrue, ok && v == k.cond.v && op == k.op && is == k.is
	}, val)
}

// A guard is a test that decides whether a block runs: the branch
// condition, and whether the block is on its true side.
type guard struct {
	cond   ssa.Value
	onTrue bool
}

// sendGuards returns the tests that decide whether block b runs, nearest
// first. A loop's test does not decide it: its other side comes back to
// the test, until the side towards b is taken (`for _, v := range items {
// t += v }; ch <- t` sends whenever the loop ends).
func sendGuards(b *ssa.BasicBlock) []guard {
	var out []guard
	for _, br := range dominatingBranches(b) {
		if other := br.at.Succs[pick(br.took, 1, 0)]; other == br.at || reachesBlock(other, br.at) {
			continue
		}
		if _, _, ok := sideKeyOf(br.cond, true); ok {
			out = append(out, guard{br.cond, br.took})
		}
	}
	return out
}

// boundSide returns the side of the goroutine's test g, at the send at,
// in the starter's terms: the value the starter bound to (or was handed
// for) what g tests; bound is false when the starter has no name for it.
func (fa *fnAnalysis) boundSide(s *Spawn, g guard, at ssa.Instruction, handedFirst bool) (key sideKey, side, bound bool) {
	k2, val, ok := sideKeyOf(g.cond, g.onTrue)
	if !ok {
		return sideKey{}, false, false
	}
	var v ssa.Value
	if fv, ok := k2.cond.v.(*ssa.FreeVar); ok && k2.cond.field != 0 {
		v = boundStruct(s, fv, k2.cond.field-1) // a field of a captured struct
	} else if handedFirst {
		v = handedValue(s, k2.cond.v, at) // handed.go
	} else if v = boundValue(s, k2.cond.v); v == nil {
		if v = handedValue(s, k2.cond.v, at); v == nil {
			v = fa.boundPureCall(s, k2.cond.v) // purecall.go
		}
		if v == nil && k2.op == 0 {
			v = fa.boundPointerField(s, k2.cond.v) // pointerfield.go
		}
	}
	if v == nil {
		return sideKey{}, false, false
	}
	switch {
	case k2.cond.field != 0 || k2.op != 0:
		k2.cond.v = stableLoad(v)
	default: // the starter's value may be a field read of its own
		k2.cond = keyOf(stableLoad(v), k2.cond.isNil)
	}
	return k2, val, true
}

// boundValue is the starter's value for v, a free variable or parameter of
// the goroutine s starts, as the go statement binds it (binding.free,
// binding.args). A captured variable lives in a cell, which the goroutine
// loads: its value is the one store into the cell, when that store comes
// before the go statement and nothing else stores there (cellStore);
// otherwise it is not one value, and boundValue gives nil.
func boundValue(s *Spawn, v ssa.Value) ssa.Value {
	load, isLoad := v.(*ssa.UnOp)
	if isLoad && load.Op == token.MUL {
		v = load.X
	}
	switch x := v.(type) {
	case *ssa.FreeVar:
		b := s.boundFree(x)
		if _, cell := b.(*ssa.Alloc); b == nil || cell != isLoad {
			return nil
		}
		if !isLoad {
			return b
		}
		if st, ok := lastStore(b); ok && instrBefore(st, s.bound.call) {
			return st.Val
		}
	case *ssa.Parameter:
		if !isLoad {
			return s.boundArg(x) // (a pointer argument's target may change: not a load of one)
		}
	}
	return nil
}

// boundFree is what the go statement that starts s binds the goroutine's
// free variable fv to (a captured variable's cell), nil when unknown.
func (s *Spawn) boundFree(fv *ssa.FreeVar) ssa.Value {
	if i := slices.Index(s.body.FreeVars, fv); i >= 0 && i < len(s.bound.free) {
		return s.bound.free[i]
	}
	return nil
}

// boundArg is the argument the go statement that starts s passes for the
// goroutine's parameter p, nil when unknown.
func (s *Spawn) boundArg(p *ssa.Parameter) ssa.Value {
	if i := slices.Index(s.body.Params, p); i >= 0 && i < len(s.bound.args) {
		return s.bound.args[i]
	}
	return nil
}

// boundStruct is the starter's value of a struct variable the goroutine s
// starts captures (fv, bound to its cell) and reads field field of: the
// one value stored in the cell, before the go statement, when nothing else
// writes that field (fieldOnce).
func boundStruct(s *Spawn, fv *ssa.FreeVar, field int) ssa.Value {
	a, ok := s.boundFree(fv).(*ssa.Alloc)
	if !ok {
		return nil
	}
	if st, ok := fieldOnce(a, field); ok && instrBefore(st, s.bound.call) {
		return st.Val
	}
	return nil
}

// lenOf returns the operand of x when x is a call of the builtin len.
func lenOf(x ssa.Value) (ssa.Value, bool) {
	c, ok := x.(*ssa.Call)
	if !ok || len(c.Call.Args) != 1 {
		return nil, false
	}
	if b, ok := c.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" {
		return c.Call.Args[0], true
	}
	return nil, false
}
