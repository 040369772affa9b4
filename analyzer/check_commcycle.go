package analyzer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
)

var commCycleCheck = &Check{
	Name:  "commcycle",
	Title: "goroutines that wait on each other through channels, locks and WaitGroups",
	Doc: `
A goroutine that holds a mutex while it sends, receives or waits on a
WaitGroup deadlocks if its partner must take that mutex before it can do
its part (a lock it took before the goroutine was started is none it
takes first); a close counts as that part for a receive from a channel nothing
sends on (the goroutine that would close done needs the mutex the waiter
holds), and that close may be its owner's own deferred one when the owner
returns only after receiving from a channel whose only closer takes the
mutex first: three goroutines in a ring. A buffer only puts this off: a send waits once the buffer is full,
and a receiving loop that takes the mutex between its receives drains
nothing while the sender holds it. A read lock conflicts only with a
partner that writes. The partner must take the mutex on its way to its
part: one it takes only after (in a deferred call, at its return; after a
receive loop that only the channel's close ends), or only on a branch that
never gets there, or only where another receive lies between it and its
part (a resume it waits for only after a pause it received), or only
in a call deferred before its deferred Done or close (defers run last in,
first out), does not count, nor does one it takes and releases
before it closes a channel (or counts down a WaitGroup) that the holder
waits on before it takes the mutex (close(ready) after the Unlock, <-ready
before the Lock), and neither does the same field of another parameter
(another object, unless a caller passes one twice), nor the lock of the
next node of a chain or tree whose every node serves its own channel
(n.next.in sent on while holding n.mu), nor the lock of a value the
object wraps behind an interface field (o.out.Write taking another
writer's lock: the same object only if o wraps itself). A case of a
select counts as a plain operation when every other case receives from a
channel that only the partner's deferred close closes and nothing sends
on (select { case c.pauseC <- x: case <-c.done: }): those cases fire
only once the partner has returned. The goroutines a Wait waits for
may be started by another function: a worker the constructor starts (go
r.loop()) that defers r.wg.Done() and takes r.mu on its way, against a
Close that waits on r.wg while holding r.mu (or a function literal a
method starts for its receiver, go func() { defer s.wg.Done(); ... }());
a group used in phases waits,
after an earlier Wait on every path, only for the goroutines started since.
Goroutines that each receive from the next before
sending (two, or a ring of more) wait for each other forever, and so does a
function waiting for its own deferred close, directly or through a callback
that reaches the same object's channel, or under another name when it lets
the channel out only as a receive-only one (a variable a callback sets from
the <-chan it is given): nothing that holds a <-chan can close it. awaitvet reports the blocking operation of one
side, with the other side's operation as related information.`,
	Wrong: `
func (h *Hub) Publish(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events <- e // the receiver locks h.mu before it receives
}`,
	Right: `
func (h *Hub) Publish(e Event) {
	h.mu.Lock()
	subs := h.subs
	h.mu.Unlock()
	h.events <- e
	_ = subs
}`,
}

// reportWaitHolding reports a Wait w made while holding the lock ls, which
// the goroutine s that the group counts takes before its Done.
func (ps *passState) reportWaitHolding(ls string, w ChanOp, s *Spawn) {
	ps.report(ps.posOf(w.Chain), commCycleCheck, "communication deadlock: WaitGroup.Wait while holding "+ls+
		"; the goroutines it waits for take "+ls+" before Done", w.Chain, s.Chain)
	ps.twoGoroutines(ps.chainSide(w.Chain), ps.spawnSide(s))
}

// reportWaitHoldingAcross reports a Wait w made while holding the lock ls,
// which a goroutine that the go statement g starts (in another function)
// takes in its acquisition a, before its deferred Done.
func (ps *passState) reportWaitHoldingAcross(ls string, w ChanOp, g *callgraph.Site, a Acquire) {
	start := Hop{Pos: ps.position(g.Instr.Pos()), Func: ps.name(g.Instr.Parent()), What: spawnWhat + ps.name(g.Callees[0])}
	ps.report(ps.posOf(w.Chain), commCycleCheck, "communication deadlock: WaitGroup.Wait while holding "+ls+
		"; the goroutines it waits for take "+ls+" before Done", w.Chain, append(Chain{start}, a.Chain...))
}

// heldAcross words a send or receive op on name made while holding the
// lock ls, which its partner takes first.
func heldAcross(name, ls string, op ChanOp) string {
	if op.Kind == OpRecv {
		return "communication deadlock: receive from " + name + " while holding " + ls + "; the sender takes " + ls + " first"
	}
	return "communication deadlock: send on " + name + " while holding " + ls + "; the receiver takes " + ls + " first"
}

// reportHeldAcross reports op on the channel name under the lock ls, which
// the only partner (its operations partnerOps) takes first.
func (ps *passState) reportHeldAcross(name, ls string, op ChanOp, partnerOps []ChanOp) {
	var chains []Chain
	chains = append(chains, op.Chain)
	chains = append(chains, opsChains(partnerOps)...)
	ps.report(ps.posOf(op.Chain), commCycleCheck, heldAcross(name, ls, op), chains...)
	if len(partnerOps) > 0 {
		ps.twoGoroutines(ps.chainSide(op.Chain), ps.chainSide(partnerOps[0].Chain))
	}
}

// reportFieldHeldAcross is reportHeldAcross for a channel field: lockedAt
// is where the lock is taken (when op is a callee's), partner the chain of
// the goroutine that does the opposite operation.
// A send on a buffered channel waits only once the buffer is full, and
// says so.
func (ps *passState) reportFieldHeldAcross(name, ls string, op ChanOp, buffered bool, lockedAt, partner Chain) {
	msg := heldAcross(name, ls, op)
	if buffered && op.Kind == OpSend {
		msg = "communication deadlock: send on " + name + " while holding " + ls + "; once its buffer is full, it waits for the receiver, which takes " + ls + " before it receives again"
	}
	ps.report(ps.posOf(op.Chain), commCycleCheck, msg, lockedAt, op.Chain, partner)
	ps.twoGoroutines(ps.chainSide(append(slices.Clip(lockedAt), op.Chain...)), ps.chainSide(partner))
}

// reportRecvCycle reports the receive x from xName while the other
// goroutine waits (y) on yName, each sending only after it receives.
func (ps *passState) reportRecvCycle(xName, yName string, x, y ChanOp) {
	ps.report(ps.posOf(x.Chain), commCycleCheck, "communication deadlock: receive from "+xName+
		" while the other goroutine waits on "+yName+"; each sends only after it receives", x.Chain, y.Chain)
	ps.twoGoroutines(ps.chainSide(x.Chain), ps.chainSide(y.Chain))
}

// reportHeldAcrossClose reports a receive op from name made while holding
// the lock ls, when the only goroutine that closes name (closed) takes ls
// first and nothing sends on name.
func (ps *passState) reportHeldAcrossClose(name, ls string, op ChanOp, closed Chain) {
	ps.report(ps.posOf(op.Chain), commCycleCheck, "communication deadlock: receive from "+name+" while holding "+ls+
		"; nothing sends on it, and the goroutine that closes it takes "+ls+" first", op.Chain, closed)
	ps.twoGoroutines(ps.chainSide(op.Chain), ps.chainSide(closed))
}

// reportHeldAcrossOwnerClose reports a receive op from name made while
// holding the lock ls, when the channel's only close (closed) is deferred
// by its owner, which returns only after its receive wait, from a channel
// whose only closer (inner) takes ls first: three goroutines in a ring.
func (ps *passState) reportHeldAcrossOwnerClose(name, ls string, op ChanOp, closed Chain, wait ChanOp, inner Chain) {
	owner, waited := ps.unqualify(lastFunc(closed)), wait.Ref.show(ps.pkgPath)
	ps.report(ps.posOf(op.Chain), commCycleCheck, "communication deadlock: receive from "+name+" while holding "+ls+
		"; nothing sends on it, its only close is deferred by "+owner+" until after it receives from "+waited+
		", and the goroutine that closes "+waited+" takes "+ls+" first", op.Chain, closed, wait.Chain, inner)
	ps.twoGoroutines(ps.chainSide(op.Chain), ps.chainSide(inner))
}

// reportOwnDeferredClose reports a receive op from name that only the
// function's own deferred close (closed) would end.
// When the receive is a callee's, the function that defers the close is
// the one that called it, still running.
func (ps *passState) reportOwnDeferredClose(name string, op ChanOp, closed Chain) {
	why := " waits for its own deferred close, which runs only after the function returns"
	if d := ps.unqualify(lastFunc(closed)); len(op.Chain) > 1 && d != ps.unqualify(lastFunc(op.Chain)) {
		why = " waits for the deferred close of " + d + ", which it runs inside: the close runs only after " + d + " returns"
	}
	ps.report(ps.posOf(op.Chain), commCycleCheck, "communication deadlock: receive from "+name+why, op.Chain, closed)
}

// reportRecvRing reports goroutines waiting on each other in a ring: the
// i-th receives (chains[i]) from names[i], which only the next one sends
// on, after its own receive.
func (ps *passState) reportRecvRing(names []string, chains []Chain) {
	ps.report(ps.posOf(chains[0]), commCycleCheck, "communication deadlock: receive from "+names[0]+" in a ring of "+
		strconv.Itoa(len(names))+" goroutines waiting on "+strings.Join(names, ", ")+"; each sends only after its own receive", chains...)
}
