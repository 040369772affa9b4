package analyzer

var condCheck = &Check{
	Name:  "cond",
	Title: "sync.Cond waits that nothing wakes, or that miss their wakeup",
	Doc: `
Cond.Wait blocks until a Signal or Broadcast on the same Cond. If nothing
ever signals a local Cond (one the function makes and keeps in sight),
the wait is forever; a Cond in a field or a package-level variable is
neversignalled's. A Wait that is not in a loop re-checking the condition
misses a Signal sent between the waiter's check and its Wait: reported when
that window exists, that is when the Wait runs under no test of the state
(a bare Wait, or a test of parameters only), or when the state was read
before the lock was taken, or the lock let go and taken again before the
Wait. A Wait under an if whose condition is read with the lock held, and
kept until the Wait, loses no wakeup; nor is one claimed where the lock is
a sync.Locker the model cannot name, where only code out of sight (handed
no lock) runs between the check and the Wait, or where the Wait is in a
helper that every caller calls in a loop. Nor is a bare Wait's wakeup lost
when its only signallers are goroutines started while the waiter holds the
Cond's lock (kept until the Wait) that signal only while holding it: they
can take the lock only once the Wait has let it go (a hand-off).`,
	Wrong: `
ready := q.isReady() // read before the lock
c.L.Lock()
if !ready {
	c.Wait()
}
c.L.Unlock()`,
	Right: `
c.L.Lock()
for !q.ready {
	c.Wait()
}
c.L.Unlock()`,
}

// reportNoSignal reports a Wait w on the Cond name, which nothing in the
// package signals.
func (ps *passState) reportNoSignal(name string, w ChanOp) {
	ps.report(ps.posOf(w.Chain), condCheck, "Cond.Wait on "+name+" with no Signal or Broadcast: it blocks forever", w.Chain, ps.originChain(w.Ref, "nothing signals it"))
}

// reportWaitOutsideLoop reports a Wait w that is not in a loop.
func (ps *passState) reportWaitOutsideLoop(w ChanOp) {
	pos := ps.posOf(w.Chain)
	check := ps.originChain(w.Ref, "")
	if at, ok := ps.ifAround(pos); ok {
		check = Chain{{Pos: ps.position(at), What: "the condition is checked once here: a for loop would check it again after each wakeup"}}
	}
	ps.report(pos, condCheck, "Cond.Wait outside a loop: a wakeup before the Wait is lost", w.Chain, check)
}
