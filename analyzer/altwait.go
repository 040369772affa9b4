package analyzer

import "slices"

// Select cases that wait for the partner.
//
// `select { case c.pauseC <- x: case <-c.done: }` under c.mu, where c.done
// is closed only by the deferred close of the goroutine that receives from
// c.pauseC, and nothing sends on it: the other case fires only once that
// goroutine has returned. While it waits for c.mu it has not, so the select
// waits for it exactly as the plain send would. Any other case (a timer,
// a context, a channel someone else closes or sends on) may fire, and the
// select is left alone.

// altsWaitForPartner reports whether every other case of op's select (op a
// case of one, recorded in ops, want the partner's operation on op's
// channel) receives from a channel field that nothing in the package sends
// on and that is closed only by deferred closes of goroutine functions
// doing want on op's channel. closes are those closes' chains, for the
// witness.
func (ps *passState) altsWaitForPartner(ops []ChanOp, op ChanOp, want OpKind) (closes Chain, ok bool) {
	var others []ChanOp
	for _, c := range ops {
		if sameSelect(c, op) && !(c.Kind == op.Kind && c.Ref.key() == op.Ref.key()) {
			others = append(others, c)
		}
	}
	if len(others) == 0 || len(others)+1 != op.Cases {
		return nil, false // a case no summary keeps (a callee's ctx.Done())
	}
	for _, c := range others {
		if c.Kind != OpRecv || c.NonBlocking || !c.Ref.Class.known() || len(c.Ref.Path) == 0 {
			return nil, false
		}
		by, ok := ps.closedByPartnerOnly(c.Ref.Class.Key, op.Ref.Class.Key, want)
		if !ok {
			return nil, false
		}
		closes = append(closes, by...)
	}
	return closes, true
}

// closedByPartnerOnly reports whether channels of class done are closed,
// in the package, only by deferred closes of functions started as
// goroutines that do want on channels of class k, and sent on nowhere;
// closes are their chains.
func (ps *passState) closedByPartnerOnly(done, k string, want OpKind) (closes Chain, ok bool) {
	for _, fn := range ps.graph.Funcs() {
		sum := ps.sums[fn]
		if sum == nil {
			continue
		}
		for _, c := range sum.Chans {
			if c.Ref.Class.Key != done {
				continue
			}
			switch c.Kind {
			case OpSend:
				return nil, false
			case OpClose:
				if !c.Deferred || len(c.Chain) != 1 || ps.startedBy(fn) == nil ||
					!slices.ContainsFunc(sum.Chans, func(o ChanOp) bool { return o.Kind == want && o.Ref.Class.Key == k }) {
					return nil, false
				}
				closes = append(closes, c.Chain...)
			}
		}
	}
	return closes, len(closes) > 0
}
