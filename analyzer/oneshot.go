package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A select case on a timer that fires once.
//
//	ch := make(chan int, 2)
//	go func() { ch <- work() }()
//	t := time.NewTimer(d)
//	for {
//		select {
//		case v := <-ch:
//			return v
//		case <-t.C:
//			go func() { ch <- work() }() // the hedge: started once at most
//		}
//	}
//
// A timer made by time.NewTimer sends one value, once, unless it is reset.
// Made outside every loop around the select, and never reset nor handed
// on, its case runs once at most however often the loop goes round: a go
// statement there (and in no loop of the case's own) starts one goroutine
// at most, not one per turn.

// oneShotCase reports whether block b runs only in the body of such a
// case, once per run of the body.
func (fa *fnAnalysis) oneShotCase(b *ssa.BasicBlock) bool {
	for _, blk := range fa.fn.Blocks {
		for _, instr := range blk.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			for i, st := range sel.States {
				t := newTimerOf(st.Chan)
				if st.Dir != types.RecvOnly || t == nil || !onlyStopped(t) || fa.inLoopWith(t.Block(), sel.Block()) {
					continue
				}
				iff := caseBranch(sel, i)
				if iff == nil {
					continue
				}
				body := iff.Block().Succs[0]
				if len(body.Preds) == 1 && body.Dominates(b) && !fa.inLoopWithout(b, sel.Block()) {
					return true
				}
			}
		}
	}
	return false
}

// newTimerOf returns the time.NewTimer call whose channel field v loads,
// or nil.
func newTimerOf(v ssa.Value) *ssa.Call {
	ld, ok := v.(*ssa.UnOp)
	if !ok {
		return nil
	}
	f, ok := ld.X.(*ssa.FieldAddr)
	if !ok || fieldName(f.X.Type(), f.Field) != "C" {
		return nil
	}
	call, ok := f.X.(*ssa.Call)
	if !ok {
		return nil
	}
	if fn := call.Call.StaticCallee(); fn == nil || fn.String() != "time.NewTimer" {
		return nil
	}
	return call
}

// onlyStopped reports whether the timer t is used only for its channel
// and its Stop method: nothing resets it or gets hold of it.
func onlyStopped(t *ssa.Call) bool {
	for _, use := range *t.Referrers() {
		switch u := use.(type) {
		case *ssa.FieldAddr:
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			c := u.Common()
			if timerMethod(c) != "Stop" || len(c.Args) == 0 || c.Args[0] != ssa.Value(t) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// inLoopWith reports whether some loop holds both a and b.
func (fa *fnAnalysis) inLoopWith(a, b *ssa.BasicBlock) bool {
	for _, body := range fa.blocks.bodies {
		if body[a] && body[b] {
			return true
		}
	}
	return false
}

// inLoopWithout reports whether some loop holds b but not outer.
func (fa *fnAnalysis) inLoopWithout(b, outer *ssa.BasicBlock) bool {
	for _, body := range fa.blocks.bodies {
		if body[b] && !body[outer] {
			return true
		}
	}
	return false
}
