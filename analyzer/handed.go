package analyzer

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Conditions handed over a channel.
//
//	go func() {
//		v, ok := fetch()
//		status <- ok
//		if ok {
//			payload <- v
//		}
//	}()
//	if !<-status {
//		return 0, false
//	}
//	return <-payload, true
//
// The goroutine sends payload only when ok, and the starter receives it
// only when the value it received on status says ok: the one value the
// goroutine sent there, since it sends on status once and the starter
// receives from it once. The two tests are one condition, and the return
// that skips the receive is the side on which nothing is sent.

// handedValue is the starter's value for v, a value of the body of the
// goroutine s that the goroutine sends, before at on every path, on a
// channel the starter made, captured by the goroutine and used by nothing
// else: the goroutine's only send on it, and the starter's only receive
// from it (outside a select), which then yields v. nil when there is no
// such channel.
func handedValue(s *Spawn, v ssa.Value, at ssa.Instruction) ssa.Value {
	var send *ssa.Send
	for _, same := range sameReads(s, v) {
		for _, r := range *same.Referrers() {
			if x, ok := r.(*ssa.Send); ok && x.X == same && x.Parent() == s.body {
				if send != nil {
					return nil
				}
				send = x
			}
		}
	}
	if send == nil || !instrBefore(send, at) {
		return nil
	}
	load, ok := send.Chan.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fv, ok := load.X.(*ssa.FreeVar)
	if !ok || !onlyUse(fv, load) && !loadsOnly(fv, send) {
		return nil
	}
	return starterReceive(s, fv)
}

// starterReceive is the starter's one receive from the channel the
// goroutine s captures as fv: a channel the starter made before the go
// statement, kept in a variable stored once, and received from once
// (outside a select); nil when there is no such receive.
func starterReceive(s *Spawn, fv *ssa.FreeVar) ssa.Value {
	cell, ok := s.boundFree(fv).(*ssa.Alloc)
	if !ok {
		return nil
	}
	st, ok := cellStore(cell)
	if !ok || !instrBefore(st, s.bound.call) {
		return nil
	}
	if _, made := st.Val.(*ssa.MakeChan); !made || !onlyUse(st.Val, st) {
		return nil
	}
	call, ok := s.bound.call.(ssa.CallInstruction)
	if !ok {
		return nil
	}
	return onlyReceive(cell, call)
}

// handedConst names, for a send at of the goroutine s, the value the
// starter received on the way to it: a send of a constant (nil, or a bool)
// on another channel comes before at on every path, the goroutine's only
// sends on that channel are such sends on paths apart (no one follows
// another), and the starter receives from it once (starterReceive):
//
//	go func() {
//		if err := setup(); err != nil { ready <- err; return }
//		ready <- nil
//		done <- work()
//	}()
//	if err := <-ready; err != nil { return err }
//	return <-done
//
// done is sent only where nil was sent on ready, and the starter receives
// from done only where it received nil. It returns the key of the
// starter's test of the received value and the side on which at runs.
func handedConst(s *Spawn, at ssa.Instruction) (sideKey, bool, bool) {
	for b := at.Block(); b != nil; b = b.Idom() {
		for i := len(b.Instrs) - 1; i >= 0; i-- {
			x, ok := b.Instrs[i].(*ssa.Send)
			if !ok || x == at || !instrBefore(x, at) {
				continue
			}
			c, ok := x.X.(*ssa.Const)
			if !ok {
				continue
			}
			load, ok := x.Chan.(*ssa.UnOp)
			if !ok || load.Op != token.MUL {
				continue
			}
			fv, ok := load.X.(*ssa.FreeVar)
			if !ok || !sendsApart(fv) {
				continue
			}
			recv := starterReceive(s, fv)
			if recv == nil {
				continue
			}
			switch {
			case c.Value == nil: // nil
				return sideKey{cond: condKey{v: recv, isNil: true}}, true, true
			case c.Value.Kind() == constant.Bool:
				return sideKey{cond: condKey{v: recv}}, constant.BoolVal(c.Value), true
			}
		}
	}
	return sideKey{}, false, false
}

// sendsApart reports whether every use of the goroutine's captured channel
// fv is a load used only as the channel of sends, and no path of the
// goroutine runs two of those sends: the starter's one receive takes the
// value of the one send on the path.
func sendsApart(fv *ssa.FreeVar) bool {
	var sends []*ssa.Send
	for _, r := range *fv.Referrers() {
		if _, dbg := r.(*ssa.DebugRef); dbg {
			continue
		}
		l, ok := r.(*ssa.UnOp)
		if !ok || l.Op != token.MUL {
			return false
		}
		for _, u := range *l.Referrers() {
			x, ok := u.(*ssa.Send)
			if _, dbg := u.(*ssa.DebugRef); dbg {
				continue
			}
			if !ok || x.Chan != ssa.Value(l) || x.X == ssa.Value(l) {
				return false
			}
			sends = append(sends, x)
		}
	}
	for i, x := range sends {
		for j, y := range sends {
			if i != j && instrReaches(x, y) {
				return false
			}
		}
	}
	return len(sends) > 0
}

// sameReads lists the values that are v: v itself and, when v loads a
// variable captured by the goroutine s that only its one store writes
// (cellStore) and the goroutine only reads, every other load of it (go/ssa
// reads a captured variable afresh at each use: `status <- ok` and `if ok`
// are two loads of one unchanging value).
func sameReads(s *Spawn, v ssa.Value) []ssa.Value {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return []ssa.Value{v}
	}
	fv, ok := ld.X.(*ssa.FreeVar)
	if !ok || !readOnly(fv) {
		return []ssa.Value{v}
	}
	if _, once := cellStore(s.boundFree(fv)); !once {
		return []ssa.Value{v}
	}
	var out []ssa.Value
	for _, r := range *fv.Referrers() {
		if l, ok := r.(*ssa.UnOp); ok && l.Op == token.MUL {
			out = append(out, l)
		}
	}
	return out
}

// loadsOnly reports whether every use of the goroutine's captured cell fv
// is a load whose one use is the send.
func loadsOnly(fv *ssa.FreeVar, send *ssa.Send) bool {
	for _, r := range *fv.Referrers() {
		l, ok := r.(*ssa.UnOp)
		if _, dbg := r.(*ssa.DebugRef); dbg {
			continue
		}
		if !ok || l.Op != token.MUL || !onlyUse(l, send) {
			return false
		}
	}
	return true
}

// onlyReceive returns the starter's one receive from the channel its cell
// holds, when the cell's other uses are its one store and the closure of
// the go statement call (which captures it); nil otherwise.
func onlyReceive(cell *ssa.Alloc, call ssa.CallInstruction) ssa.Value {
	var recv *ssa.UnOp
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.Store, *ssa.DebugRef:
		case *ssa.MakeClosure:
			if call.Common().Value != r {
				return nil
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil
			}
			for _, lr := range *r.Referrers() {
				u, ok := lr.(*ssa.UnOp)
				if _, dbg := lr.(*ssa.DebugRef); dbg {
					continue
				}
				if !ok || u.Op != token.ARROW || u.CommaOk || recv != nil {
					return nil
				}
				recv = u
			}
		default:
			return nil
		}
	}
	if recv == nil {
		return nil
	}
	return recv
}
