package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Request and reply: a starter that hands its goroutine a request and waits for
// the answer before its own order.
//
//	go c.mux()            // for { select { case req := <-c.reqs: req.resp <- c.mapSession(req.s) ... } }
//	c.reqs <- req         // the one request before then
//	err := <-req.resp     // the goroutine's answer
//	s.mu.Lock(); c.mu.Lock() // then
//
// The goroutine takes its locks for the request before it answers and none
// after, on its way back to its wait; the starter takes its order only
// after the answer, and feeds the goroutine nothing more before it. The
// goroutine's work for that request is over when the starter's order
// runs, so the request does not open the gate a feed before then would.

// A reply is the goroutine's answer to what it receives at one wait: its
// sends there after which it takes no lock before waiting again, all on
// one channel, named by how the starter finds it.
type reply struct {
	field int           // >= 0: the channel is field field of the request received
	ch    *ssa.MakeChan // otherwise: a channel the starter made and gave the goroutine
}

// replyTo returns the reply of the goroutine body to what it receives at
// wait: a receive, or receive case j of a select.
func (ps *passState) replyTo(body *ssa.Function, bound map[ssa.Value]ssa.Value, wait ssa.Instruction, j int) (reply, bool) {
	acqs, ok := ps.bodyAcquisitions(body, false)
	if !ok {
		return reply{}, false
	}
	var got ssa.Value // the value received
	var start []ssa.Instruction
	switch w := wait.(type) {
	case *ssa.UnOp:
		got = w
		if w.CommaOk {
			got = extractOf(w, 0)
		}
		start = w.Block().Instrs
	case *ssa.Select:
		r := 0
		for i := 0; i < j; i++ {
			if w.States[i].Dir == types.RecvOnly {
				r++
			}
		}
		got = extractOf(w, 2+r)
		iff := caseBranch(w, j)
		if iff == nil {
			return reply{}, false
		}
		start = iff.Block().Succs[0].Instrs
	default:
		return reply{}, false
	}
	var rep reply
	sends := 0
	ok = eachAfter(wait, start, func(instr ssa.Instruction) bool {
		s, isSend := instr.(*ssa.Send)
		if !isSend {
			return true
		}
		r, ok := replyChan(s.Chan, got, bound)
		if !ok || sends > 0 && r != rep {
			return false
		}
		for _, x := range acqs {
			if reachesBefore(s, x, wait.Block()) {
				return false // a lock after the answer
			}
		}
		rep = r
		sends++
		return true
	})
	return rep, ok && sends > 0
}

// extractOf returns the Extract of component i of the tuple v, nil if none.
func extractOf(v ssa.Value, i int) ssa.Value {
	for _, r := range *v.Referrers() {
		if x, ok := r.(*ssa.Extract); ok && x.Index == i {
			return x
		}
	}
	return nil
}

// replyChan names the channel ch a goroutine answers on: a field of the
// request got it received, or a channel its starter made.
func replyChan(ch, got ssa.Value, bound map[ssa.Value]ssa.Value) (reply, bool) {
	switch x := ch.(type) {
	case *ssa.Field:
		if got != nil && x.X == got {
			return reply{field: x.Field}, true
		}
	case *ssa.UnOp:
		if fx, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && got != nil && heldIn(fx.X, got) {
			return reply{field: fx.Field}, true
		}
	}
	if mc := madeChan(ch, bound); mc != nil {
		return reply{field: -1, ch: mc}, true
	}
	return reply{}, false
}

// heldIn reports whether base is the pointer got, or the variable that
// holds the value got alone (a local the value received is stored in).
func heldIn(base, got ssa.Value) bool {
	if base == got {
		return true
	}
	a, ok := base.(*ssa.Alloc)
	return ok && uniqueStore(a) == got
}

// eachAfter visits the instructions that run after wait before the
// goroutine comes back to wait's block: those of start after wait (or all
// of start, another block), then of the blocks reached from there. false
// when visit says so.
func eachAfter(wait ssa.Instruction, start []ssa.Instruction, visit func(ssa.Instruction) bool) bool {
	if len(start) == 0 {
		return true
	}
	first := start[0].Block()
	i := 0
	if first == wait.Block() {
		for i < len(start) && start[i] != wait {
			i++
		}
		i++
	}
	for _, instr := range start[min(i, len(start)):] {
		if !visit(instr) {
			return false
		}
	}
	seen := map[*ssa.BasicBlock]bool{first: true, wait.Block(): true}
	work := append([]*ssa.BasicBlock(nil), first.Succs...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			if !visit(instr) {
				return false
			}
		}
		work = append(work, b.Succs...)
	}
	return true
}

// reachesBefore reports whether a path leads from x to y without passing
// through the block stop (y later in x's block counts).
func reachesBefore(x, y ssa.Instruction, stop *ssa.BasicBlock) bool {
	if x.Block() == y.Block() && instrBefore(x, y) {
		return true
	}
	return reaches(x.Block().Succs, y.Block(), func(b *ssa.BasicBlock) bool { return b == stop })
}

// answeredBefore reports whether the starter, after feeding the goroutine
// the request sent at feed (a send, or a select's send case), receives the
// goroutine's reply rep to it on every path from feed to then, before then:
// a plain receive, or a select case whose body alone leads to then.
func answeredBefore(feed ssa.Instruction, sent ssa.Value, rep reply, then ssa.Instruction) bool {
	if feed.Block() == nil || inLoop(feed.Block()) {
		return false
	}
	if rep.ch != nil && !receivedOnly(rep.ch, feed.Parent()) || rep.ch == nil && !receivedOnly(requestOf(sent), feed.Parent()) {
		return false // the starter may feed the reply itself
	}
	isReply := func(ch ssa.Value) bool {
		if rep.ch != nil {
			return madeChan(ch, nil) == rep.ch
		}
		load, ok := ch.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			return false
		}
		fx, ok := load.X.(*ssa.FieldAddr)
		return ok && fx.Field == rep.field && requestOf(sent) == fx.X
	}
	for _, b := range then.Parent().Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && isReply(x.X) && instrBefore(feed, x) && instrBefore(x, then) {
					return true
				}
			case *ssa.Select:
				if !x.Blocking || !instrBefore(feed, x) {
					continue
				}
				for j, st := range x.States {
					if st.Dir != types.RecvOnly || !isReply(st.Chan) {
						continue
					}
					if iff := caseBranch(x, j); iff != nil {
						if body := iff.Block().Succs[0]; len(body.Preds) == 1 && body.Dominates(then.Block()) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// requestOf returns the variable whose fields make the request value sent:
// the struct literal loaded for the send, or the pointer sent itself.
func requestOf(sent ssa.Value) ssa.Value {
	if load, ok := sent.(*ssa.UnOp); ok && load.Op == token.MUL {
		if a, ok := load.X.(*ssa.Alloc); ok {
			return a
		}
	}
	return sent
}

// sentAt returns the value the send or select instr sends on the channel
// at pos (a select's send case there), nil if none.
func sentAt(instr ssa.Instruction, pos token.Pos) ssa.Value {
	switch x := instr.(type) {
	case *ssa.Send:
		return x.X
	case *ssa.Select:
		for _, st := range x.States {
			if st.Dir == types.SendOnly && st.Pos == pos {
				return st.Send
			}
		}
	}
	return nil
}

// receivedOnly reports whether fn only receives from the channel v (a
// channel it made, or a request variable whose channel fields it makes):
// through the variables and fields that hold it, it stores it, loads it
// and receives from it, or hands it to a goroutine (a closure, a go
// statement), never sends on it, closes it or passes it to a call.
func receivedOnly(v ssa.Value, fn *ssa.Function) bool {
	seen := make(map[ssa.Value]bool)
	var uses func(v ssa.Value) bool
	uses = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			return false
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.DebugRef, *ssa.MakeClosure, *ssa.Go:
			case *ssa.Store:
				if r.Addr == v {
					continue
				}
				if a, ok := r.Addr.(*ssa.Alloc); !ok || !uses(a) {
					return false
				}
			case *ssa.FieldAddr:
				if !uses(r) {
					return false
				}
			case *ssa.UnOp:
				if r.Op == token.MUL && !uses(r) || r.Op != token.MUL && r.Op != token.ARROW {
					return false
				}
			case *ssa.Send:
				if r.Chan == v {
					return false
				}
			case *ssa.Select:
				for _, st := range r.States {
					if st.Chan == v && st.Dir != types.RecvOnly {
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	return uses(v)
}
