package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Timers whose value was already taken.
//
// A time.Timer sends one value each time it fires. Once that value has
// been received and nothing has reset the timer, Stop returns false (the
// timer has fired) and its channel holds nothing: before Go 1.23 the one
// buffered value is gone, and since Go 1.23 no value is delivered after
// Stop at all. So the drain idiom
//
//	if !t.Stop() {
//		<-t.C
//	}
//
// blocks forever when it runs on a path from a receive of t.C that no
// t.Reset (nor a new timer stored in its place) comes between, typically
// a select loop with a `case <-t.C:` that goes round without Reset. The
// model looks for such paths inside one function, through jumps and a
// select's choice of case only (a branch on the program's state, such as
// a "fired" flag, may rule the path out), for a timer nothing else of the
// package resets or replaces (no other function, no closure, not an
// exported field); where the timer is reset on every path back, or only
// made before, nothing is claimed.

// A staleDrain is a receive from a timer's channel on the branch where
// Stop returned false, reachable from an earlier receive of that channel
// with no reset between.
type staleDrain struct {
	recv  token.Pos // the receive that blocks
	stop  token.Pos // the Stop call whose false result leads there
	taken token.Pos // the receive that took the timer's value
	timer Ref
}

// staleDrains finds them in fn.
func (fa *fnAnalysis) staleDrains() []staleDrain {
	var out []staleDrain
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			stop, ok := instr.(*ssa.Call)
			if !ok || timerMethod(stop.Common()) != "Stop" {
				continue
			}
			timer := fa.r.resolve(stop.Call.Args[0])
			if !timer.exact() || timer.Base == BaseOpaque && !keptHere(stop.Call.Args[0]) || fa.ps.timerTouchedElsewhere(fa.fn, timer) {
				continue
			}
			recv := fa.drainAfterStop(stop, timer)
			if recv == nil {
				continue
			}
			if taken := fa.takenBefore(stop, timer); taken.IsValid() {
				out = append(out, staleDrain{recv: recv.Pos(), stop: stop.Pos(), taken: taken, timer: timer})
			}
		}
	}
	return out
}

// timerMethod names the method of *time.Timer that c calls ("Stop",
// "Reset"), or "".
func timerMethod(c *ssa.CallCommon) string {
	fn := c.StaticCallee()
	if fn == nil || fn.Signature.Recv() == nil {
		return ""
	}
	if !isTimer(fn.Signature.Recv().Type()) {
		return ""
	}
	return fn.Name()
}

// timerChan reports whether v is a load of the C field of the timer named
// timer.
func (fa *fnAnalysis) timerChan(v ssa.Value, timer Ref) bool {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	f, ok := ld.X.(*ssa.FieldAddr)
	if !ok || fieldName(f.X.Type(), f.Field) != "C" {
		return false
	}
	if !isTimer(f.X.Type()) {
		return false
	}
	return fa.r.resolve(f.X).key() == timer.key()
}

// drainAfterStop returns a plain receive from the timer's channel in the
// block its Stop's false result branches to, or nil.
func (fa *fnAnalysis) drainAfterStop(stop *ssa.Call, timer Ref) *ssa.UnOp {
	for _, ref := range *stop.Referrers() {
		var falseTo *ssa.BasicBlock
		switch x := ref.(type) {
		case *ssa.If: // if t.Stop() { ... } else { <-t.C }
			falseTo = x.Block().Succs[1]
		case *ssa.UnOp: // if !t.Stop() { <-t.C }
			if x.Op != token.NOT {
				continue
			}
			for _, r := range *x.Referrers() {
				if iff, ok := r.(*ssa.If); ok {
					falseTo = iff.Block().Succs[0]
				}
			}
		}
		if falseTo == nil || len(falseTo.Preds) != 1 {
			continue
		}
		for _, instr := range falseTo.Instrs {
			if rv, ok := instr.(*ssa.UnOp); ok && rv.Op == token.ARROW && fa.timerChan(rv.X, timer) {
				return rv
			}
			if fa.resets(instr, timer) {
				break
			}
		}
	}
	return nil
}

// takenBefore returns the position of a receive of the timer's channel
// from which a path reaches stop with no reset of the timer between, or
// NoPos.
func (fa *fnAnalysis) takenBefore(stop *ssa.Call, timer Ref) token.Pos {
	type start struct {
		b   *ssa.BasicBlock
		i   int // the first instruction after the receive
		pos token.Pos
	}
	var starts []start
	for _, b := range fa.fn.Blocks {
		for i, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && fa.timerChan(x.X, timer) {
					starts = append(starts, start{b, i + 1, x.Pos()})
				}
			case *ssa.Select:
				for j, st := range x.States {
					if st.Dir != types.RecvOnly || !fa.timerChan(st.Chan, timer) {
						continue
					}
					if iff := caseBranch(x, j); iff != nil {
						starts = append(starts, start{iff.Block().Succs[0], 0, st.Pos})
					}
				}
			}
		}
	}
	for _, s := range starts {
		if fa.reachesUnreset(s.b, s.i, stop, timer) {
			return s.pos
		}
	}
	return token.NoPos
}

// reachesUnreset reports whether, from instruction i of block b on, the
// function reaches the instruction target with no reset of the timer on
// the way.
func (fa *fnAnalysis) reachesUnreset(b *ssa.BasicBlock, i int, target ssa.Instruction, timer Ref) bool {
	// scan walks instrs: hit when it meets target, blocked at a reset.
	scan := func(instrs []ssa.Instruction) (hit, blocked bool) {
		for _, instr := range instrs {
			if instr == target {
				return true, false
			}
			if fa.resets(instr, timer) {
				return false, true
			}
		}
		return false, false
	}
	if hit, blocked := scan(b.Instrs[i:]); hit || blocked || !chosen(b) {
		return hit
	}
	seen := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		hit, blocked := scan(x.Instrs)
		if hit {
			return true
		}
		if !blocked && chosen(x) {
			work = append(work, x.Succs...)
		}
	}
	return false
}

// chosen reports whether every way out of b can be taken whatever the
// program's state: a jump, or the dispatch of a select (which case is
// ready is the schedule's choice). A branch on a condition (a "fired" flag
// set with the receive and tested before the Stop) may make the path
// impossible, so the walk does not go through one.
func chosen(b *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return true
	}
	_, _, ok = selectIndexTest(iff.Cond)
	return ok
}

// resets reports whether instr resets the timer or puts another in its
// place (a call of its Reset, a store to where it is kept).
func (fa *fnAnalysis) resets(instr ssa.Instruction, timer Ref) bool {
	switch x := instr.(type) {
	case *ssa.Call:
		return timerMethod(x.Common()) == "Reset" && fa.r.resolve(x.Call.Args[0]).key() == timer.key()
	case *ssa.Store:
		return fa.r.resolve(x.Addr).key() == timer.key() || fa.r.load(x.Addr).key() == timer.key()
	}
	return false
}

// keptHere reports whether the timer v, a value of the function with no
// other name (time.NewTimer's result), stays in it: used only to call its
// methods and read its channel, and not a phi (a variable a loop may
// assign a new timer to).
func keptHere(v ssa.Value) bool {
	if _, ok := v.(*ssa.Call); !ok {
		return false
	}
	for _, ref := range *v.Referrers() {
		switch x := ref.(type) {
		case *ssa.Call:
			if timerMethod(x.Common()) == "" || x.Call.Args[0] != v || len(x.Call.Args) > 1 && x.Call.Args[1] == v {
				return false
			}
		case *ssa.FieldAddr:
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// timerTouchedElsewhere reports whether a function of the package other
// than fn (a closure fn makes included: it may run on the path) resets,
// stops or replaces a timer of the timer's class, or the timer is kept in
// an exported field: someone else may reset it between the receive and the
// Stop.
func (ps *passState) timerTouchedElsewhere(fn *ssa.Function, timer Ref) bool {
	if !timer.Class.known() || timer.Base == BaseAlloc {
		return false // a timer of fn's own, named by its allocation
	}
	if n := len(timer.Path); n > 0 && token.IsExported(timer.Path[n-1]) {
		return true // another package may reset it
	}
	for _, t := range ps.timerTouches()[timer.Class.Key] {
		// The function that makes fn's loop (a closure) sets the timer up
		// for it: its store comes before the loop runs.
		if t.fn != fn && !(t.store && t.fn == fn.Parent()) {
			return true
		}
	}
	return false
}

// A timerTouch is a function that resets, stops or (store) replaces a
// timer of some class.
type timerTouch struct {
	fn    *ssa.Function
	store bool
}

// timerTouches maps each timer class of the package to the functions that
// reset, stop or replace one, found once per package.
func (ps *passState) timerTouches() map[string][]timerTouch {
	if ps.timerUses != nil {
		return ps.timerUses
	}
	ps.timerUses = make(map[string][]timerTouch)
	for _, g := range ps.graph.Funcs() {
		var r *resolver
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				var v ssa.Value
				store := false
				switch x := instr.(type) {
				case *ssa.Call:
					if m := timerMethod(x.Common()); m == "Reset" || m == "Stop" {
						v = x.Call.Args[0]
					}
				case *ssa.Store:
					if isTimer(x.Val.Type()) {
						v, store = x.Addr, true
					}
				}
				if v == nil {
					continue
				}
				if r == nil {
					r = newResolver(g, ps.pass.Fset)
				}
				if k := r.resolve(v).Class.Key; k != "" {
					ps.timerUses[k] = append(ps.timerUses[k], timerTouch{g, store})
				}
			}
		}
	}
	return ps.timerUses
}

// isTimer reports whether t is *time.Timer.
func isTimer(t types.Type) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Timer"
}
