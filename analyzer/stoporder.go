package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Receivers stopped only after their senders.
//
//	func (q *Q) loop() {
//		for {
//			select {
//			case v := <-q.results: ...
//			case <-q.stop: return
//			}
//		}
//	}
//	func (q *Q) Stop() { q.wg.Wait(); close(q.stop) }
//
// where each goroutine that sends on q.results counts q.wg down when it
// returns (a deferred Done). The receiver's other case fires only once
// stop is closed, and stop is closed only after every sender has
// returned: while a sender waits in its send, the receiver cannot leave
// by that case. The shutdown order (wait for the producers, then stop the
// consumer) makes the select's receive as good as a plain one. The
// senders must be started where the object is made (a constructor): one
// that a method starts may start after the Wait has returned.

// stopsAfterSenders reports whether every other case of the select of c
// (an own select receive case of fn on the channel field k) either goes
// round to the select again or receives from a channel field that nothing
// sends on and that is closed only after a Wait, in the closing function,
// on a WaitGroup field that every one of senders (the goroutine functions
// that send on k) counts down in a deferred Done (or a receive from a
// done channel each closes in a deferred call).
func (ps *passState) stopsAfterSenders(fn *ssa.Function, c ChanOp, k string, senders []*ssa.Function, goSites map[*ssa.Function][]*callgraph.Site, closers map[string][]closeAt, fed map[string]bool) bool {
	sum := ps.sums[fn]
	if sum == nil || c.Select == 0 || len(senders) == 0 {
		return false
	}
	for _, s := range senders {
		if len(goSites[s]) == 0 {
			return false
		}
		for _, g := range goSites[s] {
			if !startedOnNew(g, k) {
				return false
			}
		}
	}
	found := 1
	for _, o := range sum.Chans {
		if o.Ref.Class.Key == k || !sameSelect(o, c) {
			continue
		}
		found++
		if o.Kind == OpRecv && !ps.caseLeaves(fn, o, false, false) {
			continue // its body goes round to the select again
		}
		ko := o.Ref.Class.Key
		cls := closers[ko]
		if len(cls) == 0 && o.Ref.Class.local() {
			cls = ps.spawnClosers(sum, o.Ref.key())
		}
		if o.Kind != OpRecv || !o.Ref.Class.known() || fed[ko] || len(cls) == 0 {
			return false
		}
		for _, cl := range cls {
			if !ps.waitsBeforeClose(cl, senders) && !closesAtEnd(cl, senders, goSites) {
				return false
			}
		}
	}
	return found == c.Cases
}

// startedOnNew reports whether the go statement g starts its goroutine on
// an object its function has just allocated, of a type with the channel
// field k (a constructor starting its producers): the goroutine starts
// before anything else can reach the object, so before any Stop of it,
// and the Wait in Stop counts it. A producer a method starts may start
// after Stop has waited, and then find the consumer gone.
func startedOnNew(g *callgraph.Site, k string) bool {
	c := g.Instr.Common()
	vals := slices.Clone(c.Args)
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		vals = append(vals, mc.Bindings...)
	} else if c.IsInvoke() {
		vals = append(vals, c.Value)
	}
	for _, v := range vals {
		if a, ok := v.(*ssa.Alloc); ok && a.Parent() == g.Instr.Parent() {
			if u := uniqueStore(a); u != nil && !isStruct(deref(a.Type())) {
				v = u // a captured variable holding the object
			}
		}
		a, ok := v.(*ssa.Alloc)
		if !ok || a.Parent() != g.Instr.Parent() {
			continue
		}
		st, ok := deref(a.Type()).Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			if fieldClass(a.Type(), st.Field(i).Name(), Class{}).Key == k {
				return true
			}
		}
	}
	return false
}

// caseLeaves reports whether the body of the select case o of fn (its own
// receive) may reach a return of fn (with panics: or a panic) without
// coming back to the select (with tillClosed: nor taking the branch on
// which the receive reports its channel closed); true when the case is
// not found.
func (ps *passState) caseLeaves(fn *ssa.Function, o ChanOp, panics, tillClosed bool) bool {
	sel, j := ps.selectCaseAt(fn, o.Chain[0].Pos)
	if sel == nil {
		return true
	}
	iff := caseBranch(sel, j)
	if iff == nil {
		return true
	}
	stops := []*ssa.BasicBlock{sel.Block()}
	if closed := closedBranch(sel, j); tillClosed && closed != nil {
		stops = append(stops, closed)
	}
	return ps.returnsAvoiding(iff.Block().Succs[0], stops, panics)
}

// selectCaseAt returns the select of fn with a case at position p (a
// case's ChanOp names its `<-`), and the case's index; nil when none.
func (ps *passState) selectCaseAt(fn *ssa.Function, p token.Position) (*ssa.Select, int) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok {
				for j, st := range sel.States {
					if q := ps.position(st.Pos); q.Line == p.Line && q.Column == p.Column && q.Filename == p.Filename {
						return sel, j
					}
				}
			}
		}
	}
	return nil, 0
}

// returnsFrom reports whether a return (or, with panics, a panic) is
// reachable from b without passing through the block stop, by edges some
// path takes: not the side of a branch on a constant, nor the non-nil side
// of a test of a result its callee returns as the constant nil on every
// path (an error a stub of this build never returns), see neverTaken.
func (ps *passState) returnsFrom(b, stop *ssa.BasicBlock, panics bool) bool {
	return ps.returnsAvoiding(b, []*ssa.BasicBlock{stop}, panics)
}

// returnsAvoiding is returnsFrom with several blocks to stop at.
func (ps *passState) returnsAvoiding(b *ssa.BasicBlock, stops []*ssa.BasicBlock, panics bool) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if slices.Contains(stops, x) || seen[x] {
			continue
		}
		seen[x] = true
		never := -1
		switch last := x.Instrs[len(x.Instrs)-1].(type) {
		case *ssa.Return:
			return true
		case *ssa.Panic:
			if panics {
				return true
			}
		case *ssa.If:
			if e, ok := constEdge(last.Cond); ok {
				never = e
			} else if e, ok := ps.nilResultEdge(last.Cond); ok {
				never = e
			}
		}
		for i, s := range x.Succs {
			if i != never {
				work = append(work, s)
			}
		}
	}
	return false
}

// closeAt is a close of a channel field in a function's own body.
type closeAt struct {
	fn *ssa.Function
	op ChanOp
}

// waitsBeforeClose reports whether the function of the close cl waits, in
// its own body and before the close on every path, on a WaitGroup field
// that every sender counts down in a deferred Done, or receives from a
// channel field every sender closes in a deferred call.
func (ps *passState) waitsBeforeClose(cl closeAt, senders []*ssa.Function) bool {
	sum := ps.sums[cl.fn]
	closes := ps.instrsAt(cl.fn, cl.op.Chain[0].Pos)
	if sum == nil || len(closes) == 0 || cl.op.Deferred {
		return false
	}
	for _, w := range sum.Chans {
		if w.Kind != OpWGWait && w.Kind != OpRecv || len(w.Chain) != 1 || w.Alt || w.NonBlocking || w.Deferred || !w.Ref.Class.known() {
			continue
		}
		waits := ps.instrsAt(cl.fn, w.Chain[0].Pos)
		before := len(waits) > 0
		for _, x := range waits {
			for _, y := range closes {
				before = before && instrBefore(x, y)
			}
		}
		if before && slices.IndexFunc(senders, func(s *ssa.Function) bool { return !countsDownAtEnd(ps.sums[s], w.Ref.Class.Key) }) < 0 {
			return true
		}
	}
	return false
}

// spawnClosers returns the closes of the function's own channel k (a stop
// channel it makes for its select: done := make(chan struct{}); go
// func() { wg.Wait(); close(done) }()) by the goroutines it starts, each
// in the body's own frame; none when anything sends on k, or a close is
// deeper than the body.
func (ps *passState) spawnClosers(sum *Summary, k string) []closeAt {
	if slices.ContainsFunc(sum.Chans, func(c ChanOp) bool { return c.Ref.key() == k && (c.Kind == OpSend || c.Kind == OpClose) }) {
		return nil
	}
	var out []closeAt
	for _, sp := range sum.Spawns {
		for _, c := range sp.Ops {
			if c.Ref.key() != k || c.Kind != OpSend && c.Kind != OpClose {
				continue
			}
			body := ps.funcNamed(c.Chain[len(c.Chain)-1].Func)
			if c.Kind == OpSend || len(c.Chain) != 2 || body == nil || sp.Loop {
				return nil
			}
			own := c
			own.Chain = c.Chain[1:]
			out = append(out, closeAt{body, own})
		}
	}
	return out
}

// closesAtEnd reports whether the close cl is the deferred one of the one
// sender, a goroutine started at one go statement outside any loop: it
// runs after the sender's last send has been taken.
func closesAtEnd(cl closeAt, senders []*ssa.Function, goSites map[*ssa.Function][]*callgraph.Site) bool {
	if !cl.op.Deferred || len(cl.op.Chain) != 1 || len(senders) != 1 || cl.fn != senders[0] {
		return false
	}
	sites := goSites[cl.fn]
	return len(sites) == 1 && !inLoop(sites[0].Instr.Block())
}

// countsDownAtEnd reports whether a goroutine function signals its end on
// kw in a deferred call of its own: Done on the WaitGroup class kw, or a
// close of the channel field kw (a done channel, which one goroutine
// alone can close).
func countsDownAtEnd(sum *Summary, kw string) bool {
	if sum == nil {
		return false
	}
	return slices.ContainsFunc(sum.Chans, func(d ChanOp) bool {
		return (d.Kind == OpWGDone || d.Kind == OpClose) && d.Deferred && d.Ref.Class.Key == kw
	})
}
