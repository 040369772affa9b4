package analyzer

import (
	"go/token"
)

var waitGroupCheck = &Check{
	Name:  "waitgroup",
	Title: "WaitGroup counts that can never reach zero, or race",
	Doc: `
Wait returns when the counter is zero. A counted goroutine that returns
without Done on some path (an early error return without defer wg.Done()),
a Wait inside a goroutine the same WaitGroup counts, fewer Done calls than
Add added, all block Wait forever. An Add inside the goroutine it counts
races with Wait, which may return before the Add runs (not when the Add
is made under a lock only while a stop flag read under it is false, and
the waiter sets the flag under that lock before it waits: every Add then
comes before the Wait or not at all; nor when the waiter, before it
waits, receives from a channel that only that goroutine feeds, after its
Add: started <- x after wg.Add(1), <-started before wg.Wait()). The WaitGroup may
be a field used across the methods of its type: Add and go in Serve, per
connection; Done in the handler; Wait in Shutdown.`,
	Wrong: `
for _, f := range files {
	wg.Add(1)
	go func() {
		if err := parse(f); err != nil {
			return // Done never called
		}
		wg.Done()
	}()
}
wg.Wait()`,
	Right: `
for _, f := range files {
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := parse(f); err != nil {
			return
		}
	}()
}
wg.Wait()`,
}

// reportDoneNotReached reports, at pos, the start of a goroutine the
// WaitGroup name counts, which misses the Dones (dones) on some path.
func (ps *passState) reportDoneNotReached(pos token.Pos, name string, dones []ChanOp) {
	ps.report(pos, waitGroupCheck,
		"WaitGroup.Done not reached on every path of the goroutine "+name+" counts", opsChains(dones)...)
}

// reportWaitsForItself reports a Wait w on name inside the goroutine s that
// name counts.
func (ps *passState) reportWaitsForItself(name string, s *Spawn, w ChanOp) {
	ps.report(ps.posOf(w.Chain), waitGroupCheck, "WaitGroup.Wait inside a goroutine that "+name+" counts: it waits for itself", s.Chain, w.Chain)
}

// reportAddRaces reports an Add a inside a goroutine the group counts,
// which races with the Wait wait.
func (ps *passState) reportAddRaces(a, wait ChanOp) {
	ps.report(ps.posOf(a.Chain), waitGroupCheck, "WaitGroup.Add inside the goroutine it counts races with Wait", a.Chain, wait.Chain)
}

// reportTooFewDones reports a Wait on a WaitGroup whose certain Dones are
// fewer than its certain Adds.
func (ps *passState) reportTooFewDones(wait ChanOp, counted []Chain) {
	ps.report(ps.posOf(wait.Chain), waitGroupCheck, "WaitGroup.Wait blocks forever: Done is called fewer times than Add", append([]Chain{wait.Chain}, counted...)...)
}
