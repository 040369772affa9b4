package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Orderings the counts of ChanCount cannot express: a select case taken on
// one path and a plain operation on the others (F3 in TRIAGE.md), a token
// sent before each goroutine that gives it back is started (F2).

// opBlocks maps the blocks of this function in which an operation of kind
// on channel k certainly happens when the block runs to the place of the
// first such operation in the block: the function's own plain operations
// and its callees', and the body of a select case of that kind on k (the
// body runs only when the case was taken).
func (fa *fnAnalysis) opBlocks(k string, kind OpKind) map[*ssa.BasicBlock]int {
	at := make(map[*ssa.BasicBlock]int)
	mark := func(b *ssa.BasicBlock, seq int) {
		if s, ok := at[b]; !ok || seq < s {
			at[b] = seq
		}
	}
	for _, c := range fa.sum.Chans {
		if c.Kind == kind && !c.Alt && !c.NonBlocking && !c.Deferred && c.block != nil && c.Ref.key() == k {
			mark(c.block, c.seq)
		}
	}
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || len(sel.States) < 2 {
				continue
			}
			for i, st := range sel.States {
				if (st.Dir == types.SendOnly) == (kind == OpSend) && fa.chanRef(st.Chan).key() == k {
					// (an empty case has no body: it branches straight to
					// the block after the select, which others reach too)
					if iff := caseBranch(sel, i); iff != nil && len(iff.Block().Succs[0].Preds) == 1 {
						mark(iff.Block().Succs[0], 0)
					}
				}
			}
			// After the last case of a blocking select comes a panic
			// that cannot happen ("blocking select matched no case"):
			// no way out without the operation.
			if iff := caseBranch(sel, len(sel.States)-1); iff != nil && sel.Blocking {
				mark(iff.Block().Succs[1], 0)
			}
		}
	}
	return at
}

// caseBranch is the branch to case i of a select: "if index == i goto
// body else next".
func caseBranch(sel *ssa.Select, i int) *ssa.If {
	for _, r := range *sel.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue
		}
		for _, r := range *ex.Referrers() {
			cmp, ok := r.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL || cmp.X != ex {
				continue
			}
			if k, ok := cmp.Y.(*ssa.Const); !ok || k.Value == nil || k.Value.Kind() != constant.Int || k.Int64() != int64(i) {
				continue
			}
			for _, r := range *cmp.Referrers() {
				if iff, ok := r.(*ssa.If); ok && len(iff.Block().Succs) == 2 {
					return iff
				}
			}
		}
	}
	return nil
}

// alwaysDoes reports whether every path from start (the block that makes
// the channel) to an exit of the function goes through an operation in
// ops: paths that end in a panic or a t.Fatal count too, so a receive only
// certain because the other way out fails the test is not one.
func (fa *fnAnalysis) alwaysDoes(start *ssa.BasicBlock, ops map[*ssa.BasicBlock]int) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{start}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, done := ops[b]; done || seen[b] {
			continue
		}
		seen[b] = true
		if len(b.Succs) == 0 {
			return false
		}
		stack = append(stack, b.Succs...)
	}
	return true
}

// doesBeforeEach reports whether each run of the go statement at place seq
// of block at is preceded by an operation in ops of its own: every path
// from start to it, and every path from it back to it, goes through one.
func doesBeforeEach(start, at *ssa.BasicBlock, seq int, ops map[*ssa.BasicBlock]int) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock{start}, at.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s, done := ops[b]; b == at && done && s < seq || b != at && done || seen[b] {
			continue
		}
		if b == at {
			return false
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return true
}
