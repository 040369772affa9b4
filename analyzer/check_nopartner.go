package analyzer

import (
	"go/token"
	"strconv"
)

var noPartnerCheck = &Check{
	Name:  "nopartner",
	Title: "a channel operation with no counterpart anywhere",
	Doc: `
A send on a channel nothing receives from, a receive from a channel nothing
sends on or closes (including an unexported package-level variable or
struct field whose channel the package makes but never sends on, closes or
hands out), any operation on a nil channel (a channel variable or
field never assigned a made channel, context.Background().Done()), and
select {} outside main block forever.`,
	Wrong: `
func wait() {
	done := make(chan struct{})
	go work()
	<-done // nothing sends on or closes done
}`,
	Right: `
func wait() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	<-done
}`,
}

// reportNeverDone reports an operation c on the Done channel of ctxFunc()
// (context.Background or TODO), which is nil.
func (ps *passState) reportNeverDone(pos token.Pos, ctxFunc string, c ChanOp) {
	what := "receive"
	if c.Kind == OpSend {
		what = "send" // (Done's channel is receive-only: does not type-check)
	}
	ps.report(pos, noPartnerCheck, "nil channel: "+ctxFunc+"().Done() never fires: this "+what+" blocks forever", c.Chain)
}

// reportNilChannel reports an operation c on name, a channel that is nil.
func (ps *passState) reportNilChannel(pos token.Pos, name string, c ChanOp) {
	what := "receive from "
	if c.Kind == OpSend {
		what = "send on "
	}
	ps.report(pos, noPartnerCheck, "nil channel: "+what+name+" blocks forever", c.Chain)
}

// reportEmptySelect reports a select {} (c) outside main.
func (ps *passState) reportEmptySelect(c ChanOp) {
	ps.report(ps.posOf(c.Chain), noPartnerCheck, "select {} blocks forever outside main", c.Chain)
}

// reportNoReceiver reports a send c on name, which nothing receives from.
func (ps *passState) reportNoReceiver(name string, c ChanOp) {
	ps.report(ps.posOf(c.Chain), noPartnerCheck, "no receiver: send on "+name+" blocks forever", c.Chain)
}

// reportNoSender reports a receive c from name, which nothing sends on or
// closes.
func (ps *passState) reportNoSender(name string, c ChanOp) {
	ps.report(ps.posOf(c.Chain), noPartnerCheck, "no sender: receive from "+name+" blocks forever", c.Chain)
}

// reportFilledFirst reports the send last on name (of buffer capacity cap)
// that fills it before the function starts (at spawn) the only goroutine
// that receives.
func (ps *passState) reportFilledFirst(name string, cap int, last ChanOp, spawn Chain) {
	msg := "no receiver yet: send on " + name + " blocks forever: "
	if cap == 0 {
		msg += "the goroutine that receives is started after it"
	} else {
		msg += "the buffer (" + strconv.Itoa(cap) + ") is full before the goroutine that receives is started"
	}
	ps.report(ps.posOf(last.Chain), noPartnerCheck, msg, last.Chain, spawn)
}

// reportFieldNoReceiver reports a send at pos on the channel field name,
// which nothing in the package receives from.
func (ps *passState) reportFieldNoReceiver(pos token.Pos, name string) {
	ps.report(pos, noPartnerCheck, "no receiver: send on "+name+" blocks forever once its buffer is full: nothing receives from "+name)
}

// reportUnfed reports the receive recv from name, a channel only this
// package can name, made at made, that nothing in the package sends on or
// closes.
func (ps *passState) reportUnfed(pos token.Pos, name string, recv, made Hop) {
	ps.report(pos, noPartnerCheck, "no sender: receive from "+name+" blocks forever: nothing in the package sends on or closes it", Chain{recv, made})
}
