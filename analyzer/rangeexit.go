package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A range over a channel nothing closes can still end: by a branch out of
// its body that compares a count the loop carries round (the number of
// values taken, the length of what it appends to, a count of what is still
// outstanding, the size of a map of pending keys it deletes from) with a
// bound fixed before the loop (if got == len(items) { break }, if
// len(pending) == 0 { break }). Whether the count is
// met is the senders' business, which the range does not show: a claim
// that the range never ends rests on no witness. A way out on anything
// else (an error a call returns, a sentinel value that a pool may send
// only when it shuts down) leaves the claim standing.

// leftOnCount reports whether the range whose receive is c (a Drain in a
// range statement of c's own function) has such a way out.
func leftOnCount(c ChanOp) bool {
	h := c.block
	if h == nil || h.Comment != "rangechan.loop" {
		return false
	}
	body := rangeBody(h)
	for b := range body {
		for _, s := range b.Succs {
			if !body[s] && s != h && countExit(b, body, h) {
				return true
			}
		}
	}
	return false
}

// countedRange reports whether the range whose receive is in block h
// (rangechan.loop) is left, other than when the channel is closed, only by
// such comparisons. Like a loop left only by its header's test, it is taken
// to receive as many values as its senders send.
func countedRange(h *ssa.BasicBlock) bool {
	if h == nil || h.Comment != "rangechan.loop" {
		return false
	}
	body := rangeBody(h)
	exits := 0
	for b := range body {
		for _, s := range b.Succs {
			if body[s] || s == h {
				continue
			}
			if !countExit(b, body, h) {
				return false
			}
			exits++
		}
	}
	return exits > 0
}

// countExit reports whether block b of the range loop with header h (body
// its body) ends in a comparison of a count the loop carries with a bound
// fixed before the loop.
func countExit(b *ssa.BasicBlock, body map[*ssa.BasicBlock]bool, h *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || !isComparison(cmp.Op) {
		return false
	}
	return carried(cmp.X, h, body, map[ssa.Value]bool{}) && fixedBefore(cmp.Y, body, h) ||
		carried(cmp.Y, h, body, map[ssa.Value]bool{}) && fixedBefore(cmp.X, body, h)
}

// rangeBody is the body of the range loop with header h, h itself left
// out: its natural loop, the blocks that reach a back edge into h without
// passing through h (so not an outer loop's, which comes round to h too).
func rangeBody(h *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	body := map[*ssa.BasicBlock]bool{}
	var stack []*ssa.BasicBlock
	for _, p := range h.Preds {
		if h.Dominates(p) {
			stack = append(stack, p)
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == h || body[b] {
			continue
		}
		body[b] = true
		stack = append(stack, b.Preds...)
	}
	return body
}

// carried reports whether v is computed, without a call (but len, cap and
// append), from a variable the loop with header h carries round (a phi of
// h, or a phi of the body that merges one: a count an inner loop changes
// too), a count of what it took; or is the length of a map the body
// adds to or deletes from (if len(pending) == 0).
func carried(v ssa.Value, h *ssa.BasicBlock, body map[*ssa.BasicBlock]bool, seen map[ssa.Value]bool) bool {
	if v == nil || seen[v] {
		return false
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Phi:
		if v.Block() == h {
			return true
		}
		if !body[v.Block()] {
			return false
		}
		for _, e := range v.Edges {
			if carried(e, h, body, seen) {
				return true
			}
		}
	case *ssa.BinOp:
		return carried(v.X, h, body, seen) || carried(v.Y, h, body, seen)
	case *ssa.UnOp:
		return v.Op != token.ARROW && carried(v.X, h, body, seen)
	case *ssa.Convert:
		return carried(v.X, h, body, seen)
	case *ssa.ChangeType:
		return carried(v.X, h, body, seen)
	case *ssa.Call:
		// len or cap of what the loop carries, appended to on this turn
		// or not (out = append(out, v); if len(out) == n)
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && (b.Name() == "len" || b.Name() == "cap" || b.Name() == "append") && len(v.Call.Args) >= 1 {
			return carried(v.Call.Args[0], h, body, seen) || b.Name() == "len" && mapChangedIn(v.Call.Args[0], body)
		}
	}
	return false
}

// mapChangedIn reports whether m is a map the loop body stores into or
// deletes from.
func mapChangedIn(m ssa.Value, body map[*ssa.BasicBlock]bool) bool {
	if _, ok := m.Type().Underlying().(*types.Map); !ok || m.Referrers() == nil {
		return false
	}
	for _, r := range *m.Referrers() {
		if !body[r.Block()] {
			continue
		}
		switch r := r.(type) {
		case *ssa.MapUpdate:
			if r.Map == m {
				return true
			}
		case *ssa.Call:
			if b, ok := r.Call.Value.(*ssa.Builtin); ok && b.Name() == "delete" && r.Call.Args[0] == m {
				return true
			}
		}
	}
	return false
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// fixedBefore reports whether v does not change in the loop of header h:
// a constant, a value computed outside the loop's blocks, the length of
// one, or a read of a local variable the loop does not assign (a captured
// n, kept in a cell).
func fixedBefore(v ssa.Value, body map[*ssa.BasicBlock]bool, h *ssa.BasicBlock) bool {
	switch v := v.(type) {
	case *ssa.Const, *ssa.Parameter, *ssa.FreeVar, *ssa.Global, *ssa.Function:
		return true
	case *ssa.UnOp:
		if cell, ok := v.X.(*ssa.Alloc); ok && v.Op == token.MUL {
			for _, r := range *cell.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(cell) && (body[st.Block()] || st.Block() == h) {
					return false
				}
			}
			return true
		}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") && len(v.Call.Args) == 1 {
			return fixedBefore(v.Call.Args[0], body, h)
		}
	}
	if i, ok := v.(ssa.Instruction); ok {
		return !body[i.Block()] && i.Block() != h
	}
	return false
}
