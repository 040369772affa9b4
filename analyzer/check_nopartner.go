package analyzer

import (
	"go/token"
	"strconv"
	"strings"
)

var noPartnerCheck = &Check{
	Name:  "nopartner",
	Title: "a channel operation with no counterpart anywhere",
	Doc: `
A send on a channel nothing receives from, a receive from a channel nothing
sends on or closes (a channel only this package can name is neverfed's and
neverdrained's), any operation on a nil channel (a channel variable or
field never assigned a made channel anywhere in the package, the initial
values of its package-level variables included;
context.Background().Done()), and
select {} outside main block forever (not in a function that main calls
as its last statement, and nothing else calls, or that such a function
returns right after calling, return serve(): it parks the process as
main would). A send into a buffer nothing receives from waits only once
the buffer is full: sends in a counted loop count their turns, and
goroutines that send one value per value they receive from another channel
(for j := range jobs { results <- do(j) }) send no more than that channel
is sent, so results := make(chan R, n) with n jobs never fills. (A receive
on the Done channel of a context nothing can cancel is nevercancelled's.)`,
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

// reportNilChannel reports an operation c on name, a channel that is nil;
// decl, when valid, is where name is declared (a local variable).
func (ps *passState) reportNilChannel(pos token.Pos, name string, c ChanOp, decl token.Pos) {
	what := "receive from "
	if c.Kind == OpSend {
		what = "send on "
	}
	origin := ps.originChain(c.Ref, "never assigned a channel")
	if decl.IsValid() {
		origin = Chain{{Pos: ps.position(decl), What: name + " is declared here; never assigned a channel"}}
	}
	ps.report(pos, noPartnerCheck, "nil channel: "+what+name+" blocks forever", c.Chain, origin)
}

// reportEmptySelect reports a select {} (c) outside main.
func (ps *passState) reportEmptySelect(c ChanOp) {
	ps.report(ps.posOf(c.Chain), noPartnerCheck, "select {} blocks forever outside main", c.Chain)
}

// reportNoReceiver reports a send c on name, which nothing receives from.
func (ps *passState) reportNoReceiver(name string, c ChanOp) {
	ps.report(ps.posOf(c.Chain), noPartnerCheck, "no receiver: send on "+name+" blocks forever", c.Chain, ps.originChain(c.Ref, "nothing receives from it"))
}

// reportNoSender reports a receive c from name, which nothing sends on or
// closes.
func (ps *passState) reportNoSender(name string, c ChanOp) {
	ps.report(ps.posOf(c.Chain), noPartnerCheck, "no sender: receive from "+name+" blocks forever", c.Chain, ps.originChain(c.Ref, "nothing sends on or closes it"))
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

// ctxText describes the origin of a context that never fires.
func ctxText(s *ctxSource) string {
	switch s.kind {
	case ctxWithValue:
		return s.name + "(" + ctxText(s.parent) + ", ...)"
	case ctxWithCancel:
		cancel := "is dropped"
		if s.cancelWhy == cancelAfterJoin {
			cancel = "is called only after a Wait for the goroutine that waits on it, whose Done comes after that wait"
			if len(s.cancelKept) > 0 {
				cancel = "(kept in " + strings.Join(s.cancelKept, ", ") + ") " + cancel
			}
		} else if len(s.cancelKept) > 0 {
			cancel = "(kept in " + strings.Join(s.cancelKept, ", ") + ") is never called"
			switch s.cancelWhy {
			case cancelDeadCode:
				cancel = "(kept in " + strings.Join(s.cancelKept, ", ") + ") is called only by code the program never runs"
			case cancelAfterWait:
				cancel = "(kept in " + strings.Join(s.cancelKept, ", ") + ") is called only after this receive returns"
			}
		}
		return s.name + "(" + ctxText(s.parent) + ") whose cancel function " + cancel
	case ctxField:
		return s.name + " (only ever set to " + ctxText(s.parent) + ")"
	case ctxResult:
		return s.name + "(), which returns " + ctxText(s.parent)
	case ctxParam:
		return "every caller's " + ctxText(s.parent)
	}
	return s.name + "()"
}

// reportUnfed reports the receive recv from name, a channel only this
// package can name, made at made, that nothing in the package sends on or
// closes.
