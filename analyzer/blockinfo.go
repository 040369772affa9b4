package analyzer

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// blockInfo holds the control-flow facts the channel model needs about each
// block of a function, computed once.
type blockInfo struct {
	doomed map[*ssa.BasicBlock]bool // every path from here ends in a panic
	always map[*ssa.BasicBlock]bool // on every path from entry to a return
	loop   map[*ssa.BasicBlock]bool // inside a loop: may run many times
	trips  map[*ssa.BasicBlock]int  // for a block in a counted loop (for i := 0; i < N; i++), N
	// earlyExit marks the blocks of loops that can be left other than by
	// their header's condition (a break or return in the body).
	earlyExit map[*ssa.BasicBlock]bool
}

func newBlockInfo(fn *ssa.Function, ops map[*ssa.BasicBlock][]*op) *blockInfo {
	bi := &blockInfo{doomed: doomedBlocks(fn, ops), always: make(map[*ssa.BasicBlock]bool), loop: make(map[*ssa.BasicBlock]bool),
		trips: make(map[*ssa.BasicBlock]int), earlyExit: make(map[*ssa.BasicBlock]bool)}
	bodies := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool) // loop header → its body
	var exits []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		// (fn.Recover, the block a recovered panic resumes in, has no
		// predecessors: it is not a way out of a normal run.)
		if len(b.Succs) == 0 && !bi.doomed[b] && b != fn.Recover && (len(b.Preds) > 0 || b.Index == 0) {
			exits = append(exits, b)
		}
	}
	for _, b := range fn.Blocks {
		all := true
		for _, x := range exits {
			all = all && b.Dominates(x)
		}
		bi.always[b] = all && !bi.doomed[b]
	}
	// Natural loops: for each back edge p→h, the blocks that reach p
	// without passing through h.
	for _, p := range fn.Blocks {
		for _, h := range p.Succs {
			if !h.Dominates(p) {
				continue
			}
			body := bodies[h]
			if body == nil {
				body = map[*ssa.BasicBlock]bool{h: true}
				bodies[h] = body
			}
			stack := []*ssa.BasicBlock{p}
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if body[b] {
					continue
				}
				body[b] = true
				for _, pred := range b.Preds {
					if !body[pred] {
						stack = append(stack, pred)
					}
				}
			}
		}
	}
	// A block's innermost loop is the smallest body that holds it.
	for h, body := range bodies {
		n := tripCount(h)
		early := false
		for b := range body {
			for _, s := range b.Succs {
				early = early || b != h && !body[s] && !bi.doomed[s]
			}
		}
		for b := range body {
			bi.loop[b] = true
			inner := true
			for h2, body2 := range bodies {
				if h2 != h && body2[b] && len(body2) < len(body) {
					inner = false
				}
			}
			if inner && n > 0 {
				bi.trips[b] = n
			}
			if inner && early {
				bi.earlyExit[b] = true
			}
		}
	}
	return bi
}

// tripCount recognises "for i := 0; i < N; i++" with a constant N from its
// header's condition, and returns N (0 when it cannot tell).
func tripCount(h *ssa.BasicBlock) int {
	ifi, ok := h.Instrs[len(h.Instrs)-1].(*ssa.If)
	if !ok {
		return 0
	}
	cmp, ok := ifi.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.LSS {
		return 0
	}
	bound, ok := cmp.Y.(*ssa.Const)
	if !ok || bound.Value == nil || bound.Value.Kind() != constant.Int || !countsFromZero(h, cmp.X) {
		return 0
	}
	n, ok := constant.Int64Val(bound.Value)
	if !ok || n <= 0 || n >= inf {
		return 0
	}
	return int(n)
}

// countsFromZero recognises the induction variable of a counted loop:
// a phi [0, i+1], or — when the loop variable is captured by a closure and
// lives in a fresh cell per iteration (Go 1.22) — a load of a phi of cells,
// the first holding 0 and the next holding the previous value plus 1.
func countsFromZero(h *ssa.BasicBlock, x ssa.Value) bool {
	isConst := func(v ssa.Value, want string) bool {
		c, ok := v.(*ssa.Const)
		return ok && c.Value != nil && c.Value.ExactString() == want
	}
	if ld, ok := x.(*ssa.UnOp); ok && ld.Op == token.MUL {
		phi, ok := ld.X.(*ssa.Phi)
		if !ok || phi.Block() != h || len(phi.Edges) != 2 {
			return false
		}
		first, ok1 := phi.Edges[0].(*ssa.Alloc)
		next, ok2 := phi.Edges[1].(*ssa.Alloc)
		if !ok1 || !ok2 || !isConst(uniqueStore(first), "0") {
			return false
		}
		for _, r := range *next.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == next {
				if inc, ok := st.Val.(*ssa.BinOp); ok && inc.Op == token.ADD && isConst(inc.Y, "1") {
					return true
				}
			}
		}
		return false
	}
	phi, ok := x.(*ssa.Phi)
	if !ok || phi.Block() != h || len(phi.Edges) != 2 || !isConst(phi.Edges[0], "0") {
		return false
	}
	inc, ok := phi.Edges[1].(*ssa.BinOp)
	return ok && inc.Op == token.ADD && inc.X == phi && isConst(inc.Y, "1")
}

// doomedBlocks returns the blocks from which every path ends in a panic or a
// call that never returns, without reaching a return or a loop: the
// assertion-failure paths of a function.
func doomedBlocks(fn *ssa.Function, ops map[*ssa.BasicBlock][]*op) map[*ssa.BasicBlock]bool {
	doomed := make(map[*ssa.BasicBlock]bool)
	for _, b := range fn.Blocks {
		for _, o := range ops[b] {
			if o.kind == OpPanic || o.kind == OpNoReturn {
				doomed[b] = true
				break
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if doomed[b] || len(b.Succs) == 0 {
				continue
			}
			all := true
			for _, s := range b.Succs {
				all = all && doomed[s]
			}
			if all {
				doomed[b] = true
				changed = true
			}
		}
	}
	return doomed
}
