package analyzer

import (
	"strconv"
)

var leakCheck = &Check{
	Name:  "leak",
	Title: "a goroutine blocked forever on a channel its partner abandons",
	Doc: `
A goroutine that sends a result nobody will receive, or waits for a
message nobody will send, never ends: it holds its stack and everything it
references for the life of the process. awaitvet counts, for each channel a
function makes and keeps to itself and the goroutines it starts (a channel
kept in a struct field is fieldleak's), the sends
that may happen against the receives that are certain (a receive skipped by
an early return, or a select case that can lose to a timeout or ctx.Done(),
is not certain; a case of a select in a loop that is left only through that
case is, since the other cases only go round again; a case whose loop is
left only once it reports the channel closed, or that is switched off by
setting its channel variable to nil then, receives every value sent
before the close; so does a select in a loop that goes round after each
value and whose other case waits for a channel closed only after a Wait
on the WaitGroup that every sender counts down in a deferred Done
(workers started in a loop, then go func() { wg.Wait(); close(done) }()),
or that the one sender closes in a deferred call, after its last send;
a helper that starts a
goroutine and receives its value on every path before it returns leaves
no sender to its caller), and reports the goroutine that is left blocked. A path
that ends the process (log.Fatal, os.Exit, the return of main or of a
function main ends the process after) leaves no goroutine behind, and a
sender started behind a select case that its start turns off (the case's
channel set to nil until a receive) is one at a time. A send behind a
test that the loop's counter equals a fixed value (if i == 1) runs once;
a deferred send behind a flag set right after the plain send runs only
instead of it; an owner that receives in a deferred call (if !got { <-ch }),
or again on its own after the loop it selects in (if busy { <-res } after
break), may still take the value its select gave up on. A receiver that loops as
many times as it is told (for i := 0; i < n; i++ { <-ch }, a range over a
slice it is handed) waits for that many values, which its loop does not
fix: it is not reported as waiting for more than the senders send. A
goroutine started on every path that receives in a select case inside a
loop it never leaves takes every value sent; a select in a loop whose case
on the channel goes round except when the receive reports the channel
closed (if !ok { return }) leaves no sender behind by that way out; and a
handler that starts one replier or another by a branch starts one per
call, not the sum of them. Giving the
channel room for every sender, making the sender select on the context the
partner gives up on, or making the partner wait on every path, silences it.
Suggested fixes (awaitvet -fix applies the first): wrap the send in a select
on the ctx.Done() of a context in scope, returning when it is done; give the
channel room for the senders it leaves behind.`,
	Wrong: `
func first(ctx context.Context, urls []string) (string, error) {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- fetch(u) }() // all but one block forever
	}
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}`,
	Right: `
func first(ctx context.Context, urls []string) (string, error) {
	ch := make(chan string, len(urls)) // room for every sender
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}`,
}

// reportLeakSend reports the goroutine sender left blocked in a send on
// name (u), which has more sends than receives that are certain.
// abandoned's and fanin's claims, when the counts make them so, are
// reported under those checks (check_abandoned.go, check_fanin.go) with
// the same message.
func (ps *passState) reportLeakSend(u *chanUse, sender *participant, name string, recvs, sends int) {
	check := leakCheck
	if certain, possible, at, ok := surplusSend(u); ok {
		ps.reportLeak(overSendCheck, u, &u.goros[at], OpSend, "send on "+name+" blocks forever: "+u.overSendReason(certain, possible))
		return
	}
	switch {
	case abandonedSend(u, recvs, sends):
		check = abandonedCheck
	case fanInSend(u, sender, recvs):
		check = fanInCheck
	}
	if closing, ok := ownerClose(u); ok {
		// The receiver closes the channel on its way out: the send left
		// without a receiver does not block forever, it panics (send on
		// closed channel), and takes the program down. Nothing waits on
		// the goroutine after that (no future of it). A goroutine that
		// recovers its panics (a deferred recover) ends there instead:
		// neither blocked nor crashing, there is nothing to report.
		if sender.spawn != nil && recoversPanics(sender.spawn.body) {
			return
		}
		ps.reportStranded(check, u, sender, OpSend, "goroutine panics: send on "+name+" is left without a receiver, and then the receiver closes "+name+" (send on closed channel): "+u.senderReason(recvs, sends), closing.Chain)
		return
	}
	var more []Chain
	if sends >= inf {
		more = unboundedSends(u, sender)
	}
	ps.reportLeak(check, u, sender, OpSend, "send on "+name+" blocks forever: "+u.senderReason(recvs, sends), more...)
}

// unboundedSends returns a send of the goroutine (or of the owner) whose
// sends on u have no bound, when that is not sender: a claim that counts
// them shows where they come from.
func unboundedSends(u *chanUse, sender *participant) []Chain {
	for _, p := range u.all() {
		if p.spawn == sender.spawn || p.maxSends() < inf {
			continue
		}
		for _, c := range p.ops {
			if c.Kind == OpSend {
				return []Chain{c.Chain}
			}
		}
	}
	return nil
}

// ownerClose returns the close by which the function that owns u closes
// it on every path by which it returns: a deferred close, one on every
// path, or a deferred call's that the callee makes on every path of its
// own.
func ownerClose(u *chanUse) (ChanOp, bool) {
	for _, c := range u.self.ops {
		if c.Kind == OpClose && (len(c.Chain) == 1 && (c.Deferred || c.Always) || c.onExit) && !c.Loop {
			return c, true
		}
	}
	return ChanOp{}, false
}

// reportLeakRecv reports the goroutine g left blocked in a receive from
// name (u), whose sender may not send; closed: it is closed on some paths.
func (ps *passState) reportLeakRecv(u *chanUse, g *participant, name string, closed bool) {
	why := "the sender may return without sending"
	if closed {
		why = "it is closed on some paths only"
	}
	ps.reportLeak(leakCheck, u, g, OpRecv, "receive from "+name+" blocks forever: "+why)
}

// reportLeak reports at the site that starts the goroutine that blocks.
// what is the message after "goroutine leak: ", blocking the kind of the
// operation it blocks in (a send or a receive).
func (ps *passState) reportLeak(check *Check, u *chanUse, g *participant, blocking OpKind, what string, more ...Chain) {
	chains := ps.reportStranded(check, u, g, blocking, "goroutine leak: "+what, more...)
	if len(chains) > 0 {
		ps.blocked[g.spawn] = blockedOn{blockedLeaking(what), chains[0], ps.lastID(), false}
	}
}

// reportStranded reports msg at the site that starts the goroutine g,
// left in an operation of kind blocking without its partner, and returns
// the chains it gave: to g's operation, then the partner's that may never
// come, then more.
func (ps *passState) reportStranded(check *Check, u *chanUse, g *participant, blocking OpKind, msg string, more ...Chain) []Chain {
	pos, ok := ps.tokenPos(g.spawn.Chain[0].Pos)
	if !ok {
		pos = ps.posOf(g.spawn.Chain)
	}
	// The chain to the operation the goroutine blocks in, then the partner's
	// operation that may never come.
	var chains []Chain
	for _, c := range g.ops {
		if c.Kind == blocking {
			chains = append(chains, c.Chain)
			break
		}
	}
	for _, c := range u.self.ops {
		if c.Kind != blocking {
			chains = append(chains, c.Chain[len(c.Chain)-1:])
			break
		}
	}
	chains = append(chains, more...)
	ps.report(pos, check, msg, chains...)
	ps.findings[len(ps.findings)-1].ownMake = u.makePos.IsValid()
	return chains
}

// senderReason says why the sends on u outnumber the receives that are
// certain.
func (u *chanUse) senderReason(recvs, sends int) string {
	for _, c := range u.self.ops {
		if c.Kind == OpRecv && c.Alt {
			return "the receiver may leave by another select case"
		}
	}
	for _, c := range u.self.ops {
		if c.Kind == OpRecv && (!c.Always || c.EarlyExit) && u.skips {
			return "the receiver may return before receiving"
		}
	}
	if sends >= inf {
		who := "a goroutine sends in a loop"
		for _, g := range u.goros {
			if g.many && g.maxSends() > 0 {
				who = "goroutines started in a loop send"
			}
		}
		return who + ", but only " + strconv.Itoa(recvs) + " receive(s) are certain"
	}
	return strconv.Itoa(sends) + " send(s) but only " + strconv.Itoa(recvs) + " receive(s) are certain"
}
