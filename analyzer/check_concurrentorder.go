package analyzer

import "go/token"

var concurrentOrderCheck = &Check{
	Name:      "concurrentorder",
	SplitFrom: "lockorder",
	Title:     "locks acquired in opposite orders by goroutines one function starts together",
	Doc: `
The lock-order cycle of lockorder, claimed only where the package itself
shows the two orders running at once: one function starts a goroutine that
takes one order and, after the go statement on every path, takes the other
order itself or in another goroutine it starts (or one go statement in a
loop starts goroutines that share something that may hold a lock: a
WaitGroup or a chan struct{} they all get holds none). Each can then hold one lock and
wait for the other forever. The finding's chain ends with that function's
go statement and the call after it. Without such a function (two exported
methods that callers nobody has seen may or may not run at once), the
cycle is lockorder's. Nor do the two run at once when the function waits,
before the other order, for the goroutine's last signal (a receive of what
it sends, closes or counts down after its last acquisition, or after its
last that nests one lock in another, when it takes locks only one at a
time after it; or in a deferred call; the Done of WaitGroup.Go; or in a
callee that waits so on every path, a halt() that closes and waits, or
the stop function a starter returns (stop := start(); stop(), where stop
receives from what the goroutine closes in a deferred call, or Waits on a
WaitGroup it counts down so), or in a receive from the channel a helper
that starts the goroutine makes and returns, on which the goroutine gives
that signal (errc := s.startSync(); <-errc), or
the call that takes the other order itself, when it waits so before it
takes any lock: a Stop that closes quit, waits for the loop and flushes;
or in a Do of the Once inside whose Do alone the goroutine takes its
locks; or in a
Cond loop, for !done { cond.Wait() }, on a flag of its own frame (or of
a barrier object it made and shows to nobody but the goroutine) that
only the goroutine sets, as its last signal, or a spin on a local
atomic.Bool it stores true so; or a Lock of a mutex of its frame, locked
before the go statement, that the goroutine unlocks so (or in its last
deferred call); or a receive from ctx.Done()
of a context.WithCancel over Background whose cancel only the goroutine
calls, so; or a select case that takes the signal, the other order only
in that case's body; or a select whose every case takes one of its last
signals: close(granted) after its locking, close(failed) when it gives
up before any), when the goroutine begins by
waiting on a channel or WaitGroup that the function opens only after its
own order (a close it defers counts) (after every turn of a loop of it, too; also as the one case of
a select whose other cases only leave: case <-ctx.Done(): return), on a
channel field that nothing in the package feeds but a close after the
function's order (its own, or a helper's it calls then: markReady() {
once.Do(func() { close(ready) }) }; read directly or through a getter,
<-s.Ready()), on a flag field (a Cond loop, an atomic spin) that
only the function sets so, or on a gate object
the function made or a constructor returned (a method that only receives from a channel field of
it: g.Wait(), or only waits in a Cond loop on a flag field of it, or
only locks and unlocks a mutex field its constructor returns locked: a
latch) whose every method call that feeds the channel (g.Open(),
by its summary) comes only after its own order, on a Cond loop over a
flag (or a spin on a local atomic.Bool) that it sets only after its
order, on a Lock of a mutex of its frame that it holds from before the go
statement until after its order, on channel fields (its every wait, a
receive or a select of receives) of an object the function made and
shows to nobody but the goroutine before its order, which only the
object's methods (they reach it once it is shown) and the function itself,
after its order, feed (p := &Producer{...}; go p.batcher(); ...; return p);
a request the function sends there first does not open the gate when the
goroutine answers it, taking no lock after its answer until it waits
again, and the function waits for that answer before its order (cmds <-
req; <-req.resp, the goroutine's reply on the request's own channel or on
one the function made), or on
ctx.Done() of a context.WithCancel over a parent that never fires
(Background) that it cancels only after its order (also kept, with its
cancel function, in fields that nothing else in the package writes or
calls: s.ctx, s.cancel = context.WithCancel(...); go s.loop()), or when the goroutine and the function (or two goroutines it
starts, or the goroutines of one go statement in a loop) take their
orders under one outer lock they both hold: a mutex,
a local mutex the goroutine captures included (taken by the goroutine's
own body, or by a helper closure both call), one both sides pass to the
helper that takes it before it nests (move(&outer, a, b)), one a helper holds while it
calls the function it is given (c.Exclusive(s.compact), also a
semaphore's token: s.withToken(s.compact)), one the later
call's own callee holds around its order (Cluster.Stop write-locks rw,
then nests), or a channel of capacity
one used as a semaphore (a token sent before the
order and received back after it, directly or by methods that do
nothing else: type Sem chan struct{}; sem.Acquire(); sem.Release()), or a
compare-and-swap gate: each takes its order only after winning a swap of
one field from one value to another (if !s.busy.CompareAndSwap(false,
true) { return }), a field the package writes no other way than by such
swaps and by stores of the old value after a win (defer
s.busy.Store(false)). Of two goroutines the function starts
(go statements or WaitGroup.Go), one that begins by waiting on a channel
that only the other feeds after its order (or closes in a deferred call),
or on a WaitGroup only the other counts down so, runs after it, and so does one that begins with a Do of the Once inside
whose Do alone the other takes its locks. Nor do they deadlock when the later side runs on
objects the function has just made and shown to nobody else (allocated
there or returned fresh by a constructor, not yet stored, sent or passed
on; a helper that points back to it, stored in it, does not show it to
anyone: l.comp = NewCompactor(l)), and takes every lock of one of the cycle's classes inside them: the
goroutine started before cannot reach those locks (a, b := New(), New();
go a.fill(); b.compact() runs the two orders on two objects), or when the
goroutine and the later side take every lock of one of the cycle's classes
in different fields of one object, held by value (s.in.mu and s.out.mu:
one class, two locks).

Nor does a goroutine take an order that a function it calls nests only
under a parameter's value, when every call it makes of that function
passes a constant ruling the nesting out (go func() { c.sweep(false) }(),
where sweep takes its second lock only if its account parameter is true),
nor one it takes, or reaches by a call made, only under a test that an
unexported field of the package is set (a bool or atomic.Bool true, a
handler non-nil, a state, plain or atomic, equal to a constant other than its zero value:
if c.running { ... }, if h := c.handler; h != nil { h(m) }, if s.state !=
running { return }) when nothing in the package but the starter sets that
field so, after its own order.

Each order must be witnessed: an order taken only through an interface
call that the call graph resolved by the types the package sees (a value
of the interface may be of any other type) is no witness, unless the
package shows the receiver holds one of its own types (set only where it
converts that type, in fields only it sets, through parameters of
functions whose every call it makes); such a cycle is lockorder's.

Two instances of one class (Transfer(from, to) locking from.mu, then
to.mu) form a cycle when one function runs Transfer(a, b) in a goroutine
it starts and Transfer(b, a) while that goroutine may still run, a and b
two package-level variables, two objects it made, or two of its
parameters (one object passed twice deadlocks each Transfer); not when
the nesting is ordered by comparing the two objects (IDs, addresses, a
switch on cmp.Compare of their keys), an outer lock serialises it, the two
goroutines are ordered as above, or only one order is taken.`,
	Wrong: `
func (s *Server) Run() {
	go s.flushLoop() // Store.mu, then Cache.mu
	s.evict()        // Cache.mu, then Store.mu, while flushLoop runs
}`,
	Right: `
func (s *Server) Run() {
	go s.flushLoop() // Store.mu, then Cache.mu
	s.evictInOrder() // Store.mu, then Cache.mu: one order
}`,
}

// reportConcurrentCycle reports a two-lock cycle whose orders w shows
// running at once, at pos, the acquisition of its first edge.
func (ps *passState) reportConcurrentCycle(pos token.Pos, cyc []Edge, w spawnWitness) {
	msg := ps.lockCycleText(cyc) + "; " + ps.unqualify(ps.name(w.fn)) + " runs both at once"
	ps.report(pos, concurrentOrderCheck, msg, cycleChains(cyc)...)
	f := &ps.findings[len(ps.findings)-1]
	f.hops = w.after(ps, f.hops)
}

// reportInstanceCycle reports two instances of one lock class nested in
// opposite orders by code that runs concurrently, at pos, where b's order is
// taken while a's goroutine runs: witnessed by construction (instances.go
// pairs only edges one function runs at once), so concurrentorder's.
func (ps *passState) reportInstanceCycle(pos token.Pos, a, b Edge) {
	to, from := instanceText(b.To, false), instanceText(b.From, false)
	if to == from { // two objects made on one line
		to, from = instanceText(b.To, true), instanceText(b.From, true)
	}
	msg := "lock-order cycle: " + to + " acquired while holding " + from +
		" (both " + b.From.Class.show(ps.pkgPath) + "); the goroutine started at " + posString(a.Pos) +
		" takes them in the opposite order"
	ps.report(pos, concurrentOrderCheck, msg, a.FromChain, a.ToChain, b.FromChain, b.ToChain)
}
