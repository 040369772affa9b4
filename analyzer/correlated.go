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
	k := u.ref.key()
	name := fa.ps.name(s.body)
	var key condKey
	side, found := false, false
	for _, c := range opsOn(g.ops, k, OpSend) {
		if len(c.Chain) < 2 || c.Chain[1].Func != name {
			return false // a send of another frame: its tests are not at hand
		}
		for _, at := range fa.ps.instrsAt(s.body, c.Chain[1].Pos) {
			v, isNil, val, ok := sendGuard(at.Block())
			if !ok {
				return false
			}
			bound := boundValue(s, v)
			if bound == nil {
				return false
			}
			k2 := condKey{v: stableLoad(bound), isNil: isNil}
			if found && (k2 != key || val != side) {
				return false
			}
			key, side, found = k2, val, true
		}
	}
	if !found {
		return false
	}
	fa.cut = keyCut(key, side)
	n := fa.pathCounts(start, k)
	fa.cut = nil
	return n.MinRecv >= g.maxSends()
}

// sendGuard returns the nearest test that decides whether block b runs: the
// value it tests, whether it tests nil-ness, and the value of the test on
// b's side.
func sendGuard(b *ssa.BasicBlock) (v ssa.Value, isNil, val, ok bool) {
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifi, isIf := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !isIf {
			continue
		}
		k, whenTrue, ok := condOf(ifi.Cond)
		if !ok {
			continue
		}
		t, f := d.Succs[0], d.Succs[1]
		switch {
		case t != f && t.Dominates(b) && len(t.Preds) == 1:
			return k.v, k.isNil, whenTrue, true
		case t != f && f.Dominates(b) && len(f.Preds) == 1:
			return k.v, k.isNil, !whenTrue, true
		}
	}
	return nil, false, false, false
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
		i := slices.Index(s.body.FreeVars, x)
		if i < 0 || i >= len(s.bound.free) || s.bound.free[i] == nil {
			return nil
		}
		b := s.bound.free[i]
		if _, cell := b.(*ssa.Alloc); cell != isLoad {
			return nil
		}
		if !isLoad {
			return b
		}
		if st, ok := cellStore(b); ok && instrBefore(st, s.bound.call) {
			return st.Val
		}
	case *ssa.Parameter:
		if i := slices.Index(s.body.Params, x); !isLoad && i >= 0 && i < len(s.bound.args) {
			return s.bound.args[i] // (a pointer argument's target may change: not a load of one)
		}
	}
	return nil
}
