package analyzer

import (
	"strings"
)

var futureCheck = &Check{
	Name:  "future",
	Title: "a Wait for goroutines one of which blocks forever",
	Doc: `
A WaitGroup.Wait or errgroup.Wait returns only when every goroutine it
counts has finished. When awaitvet finds one of those goroutines blocked
forever (a leak, a range over a channel nothing closes), the Wait hangs
too. The same holds for a result or done channel: a receive whose every
sender or closer is a goroutine certainly blocked before it sends or
closes (the close in a defer, the send further down) never returns.

The hung waiter follows from the finding that shows the goroutine blocked,
so it is not a second finding: it is the last step of that finding's chain
(related information at the Wait), and an //awaitvet:ignore of that
finding silences it too. It is reported on its own, at the waiter, only
when the finding it follows from is not because -checks leaves that check
out. A finding of an experimental check that the default tier leaves out
silences its consequences instead: they rest on its claim, which is not
precise enough to be reported by default.`,
	Wrong: `
var wg sync.WaitGroup
results := make(chan int)
for _, x := range xs {
	wg.Add(1)
	go func() {
		defer wg.Done()
		results <- work(x) // nobody receives
	}()
}
wg.Wait() // never returns`,
	Right: `
var wg sync.WaitGroup
results := make(chan int, len(xs))
for _, x := range xs {
	wg.Add(1)
	go func() {
		defer wg.Done()
		results <- work(x)
	}()
}
wg.Wait()`,
}

// The reasons a goroutine is blocked forever, as a Wait for it words them
// (see blockedOn).

// blockedRanging: it ranges over name, which nothing closes.
func blockedRanging(name string) string { return "it ranges over " + name + ", which nothing closes" }

// blockedUnreceived: it sends on name, which nothing receives from.
func blockedUnreceived(name string) string {
	return "it sends on " + name + ", which nothing receives from"
}

// blockedLeaking: the operation of a goroutine leak, what as its message
// words it after "goroutine leak: " (up to the reason).
func blockedLeaking(what string) string { return "its " + what[:strings.Index(what, ":")] }

// reportWaitFuture reports a Wait w on the group name, which counts the
// goroutine s that b shows blocked forever.
func (ps *passState) reportWaitFuture(name string, w ChanOp, s *Spawn, b blockedOn) {
	ps.report(ps.posOf(w.Chain), futureCheck, "wait never returns: "+name+".Wait waits for a goroutine that blocks forever: "+b.why, s.Chain[:1], b.chain)
}

// reportChanFuture reports a receive recv from name, whose every sender or
// closer (the goroutine feeder, started by spawn) is blocked forever first
// (why).
func (ps *passState) reportChanFuture(name string, recv ChanOp, feeder *Spawn, why blockedOn) {
	ps.report(ps.posOf(recv.Chain), futureCheck, "wait never returns: receive from "+name+
		" waits for a goroutine that blocks forever before it sends or closes: "+why.why, feeder.Chain[:1], why.chain)
}
