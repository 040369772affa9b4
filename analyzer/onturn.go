package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Goroutines of a loop that send on one turn only.
//
// `for i := 0; i < n; i++ { go func() { if i == 0 { ch <- f() } }() }`
// starts n goroutines, but only the one started when i is 0 sends: the
// loop's induction variable takes each value once, and each goroutine
// tests the value of its own turn (a variable of the loop captured per
// iteration, or an argument of the go statement). Its instances together
// send as often as one of them may (onOneTurn's rule for a block of the
// loop itself, carried across the go statement); which turn, or whether
// the loop reaches it, is not known, so none of the sends is certain.

// sendsOnOneTurn reports whether every send of goroutine g on the channel
// k is under a test, in g's own body, that the loop variable of the loop
// starting g at block at equals a value fixed before the loop.
func (fa *fnAnalysis) sendsOnOneTurn(g *participant, k string, at *ssa.BasicBlock) bool {
	return fa.sendsOnTurns(g, k, at, true)
}

// sendsOnTurns is sendsOnOneTurn; with eq false, a test that orders the
// loop variable against a constant (i < 2) counts too: which goroutines
// send is then fixed by their turns, not by who runs first.
func (fa *fnAnalysis) sendsOnTurns(g *participant, k string, at *ssa.BasicBlock, eq bool) bool {
	s := g.spawn
	if s.bound == nil || s.body == nil || at == nil || fa.blocks == nil {
		return false
	}
	h := onlyLoop(at, fa.blocks.bodies)
	if h == nil {
		return false
	}
	body := fa.blocks.bodies[h]
	name := fa.ps.name(s.body)
	found := false
	for _, c := range opsOn(g.ops, k, OpSend) {
		if len(c.Chain) < 2 || c.Chain[1].Func != name {
			return false // a send of another frame: its tests are not at hand
		}
		for _, instr := range fa.ps.instrsAt(s.body, c.Chain[1].Pos) {
			if !turnTested(s, instr.Block(), h, body, eq) {
				return false
			}
			found = true
		}
	}
	return found
}

// turnTested reports whether a test that the goroutine's value of the
// loop variable (of the loop with header h) equals a constant (with eq
// false: or is ordered against one) dominates block b of the goroutine s
// starts.
func turnTested(s *Spawn, b, h *ssa.BasicBlock, body map[*ssa.BasicBlock]bool, eq bool) bool {
	for _, br := range dominatingBranches(b) {
		if cmp, ok := br.cond.(*ssa.BinOp); ok {
			switch {
			case cmp.Op == token.EQL && br.took || cmp.Op == token.NEQ && !br.took:
			case !eq && (cmp.Op == token.LSS || cmp.Op == token.LEQ || cmp.Op == token.GTR || cmp.Op == token.GEQ):
			default:
				continue
			}
			for _, xy := range [2][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
				if _, isConst := xy[1].(*ssa.Const); !isConst {
					continue
				}
				if v := turnValue(s, xy[0]); v != nil {
					if _, _, _, ok := induction(h, body, v); ok {
						return true
					}
				}
			}
			continue
		}
		// `last := i == n-1` in the loop, tested by the goroutine.
		if cmp, ok := boundValue(s, br.cond).(*ssa.BinOp); ok && br.took && cmp.Op == token.EQL {
			for _, xy := range [2][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
				if _, _, _, ok := induction(h, body, xy[0]); ok && invariant(xy[1], body) {
					return true
				}
			}
		}
	}
	return false
}

// turnValue is the starter's value for v, the goroutine's read of a loop
// variable: an argument of the go statement, or a load of a captured
// variable, which a loop of Go 1.22 makes once per turn (a phi of cells at
// the loop's header; induction reads it through a load of the starter's).
func turnValue(s *Spawn, v ssa.Value) ssa.Value {
	if p, ok := v.(*ssa.Parameter); ok {
		return s.boundArg(p)
	}
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	fv, ok := ld.X.(*ssa.FreeVar)
	if !ok {
		return nil
	}
	if b := s.boundFree(fv); b != nil && b.Referrers() != nil {
		for _, r := range *b.Referrers() {
			if l, ok := r.(*ssa.UnOp); ok && l.Op == token.MUL {
				return l
			}
		}
	}
	return nil
}
