package analyzer

import (
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
