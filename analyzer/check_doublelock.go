package analyzer

var doubleLockCheck = &Check{
	Name:  "doublelock",
	Title: "a mutex locked again by the goroutine that holds it",
	Doc: `
sync.Mutex and sync.RWMutex are not reentrant: locking a mutex the
current goroutine already holds blocks forever. awaitvet follows the
lock through any depth of calls (including method values, closures and
calls into other packages) and reports the second acquisition with the
chain from the first. Where both acquisitions are the function's own Lock
calls (a second Lock later on the path, or the same Lock on the next turn
of a loop), the claim is relock's; where the second goes through static
calls to a function that takes the lock on every path it returns by, the
claim is callrelock's.

It claims the second Lock finds the lock held only when nothing between
them may have released it or pointed the name elsewhere: a field on the
lock's path stored with another object (c.cur = next, or a local
variable assigned again, through a pointer to it or whole: *pc =
cur.next, h = b), a release handed
away as a function (time.AfterFunc(d, mu.Unlock), sent on a channel to a
worker, appended to a list of hooks), a call nothing resolves
that is given the lock or its owner, a call given them of a function that
starts goroutines (one may release it), or a dynamic call only some of
whose candidates lock silence it when every path to the second Lock goes
through one (a loop's back edge included); so do a value receiver's or a local copy's
mutex (a copy, not the caller's) and a callee that locks only while a flag
field the caller has just set says so (itself, or through a helper that
sets it on every path, a setter's store of the constant the caller passes
included: c.setPhase(syncing); a reset it defers runs only at its return), or only
past a test of its argument, of its length, of an element of a variadic
option, of the bits of one a constant mask selects, or of a field (plain,
or an atomic type's Load) against a constant that the caller's constant
argument, or the constant it has just stored there, fails (depth > 0 called
with 0, len(xs) == 0 with nil or xs[:0], s.state == 0 after s.state = 1,
flags&held == 0 with sync|held; an argument read from a field the caller
has just stored counts as what it stored: w.pending = nil;
w.flush(w.pending)), a type switch on an interface argument whose case
for the caller's concrete type returns first (record(Allowed{})), a
select of a receive from a field's channel and a default whose default
alone locks, when the caller has just closed that channel (close(p.closed);
p.release(c)), tests
joined by || counting when the caller fails each (o == nil || !o.locked
called with &opts{locked: true}), or only while ctx.Value(key) is nil when
the caller passes a context it marked with context.WithValue(ctx, key, v),
there or in a helper of the package that returns it. A call of what sync.OnceFunc(f)
returns is a call of f (the first one only): a release wrapped so is a
release there. A generic helper's call of a method of its type
parameter's constraint (func release[L sync.Locker](l L) { l.Unlock() })
is a call of the constraint's method: a release or a lock of the lock
passed. A Do of
a sync.Once runs its function on the Once's first Do only: one reached
under the lock after a Do of the same Once on every path before it (the
function's own, or a helper's that does one on every return: ensure();
mu.Lock(); ...; ensure()) does not run it again, and takes nothing.
Between the caller's store and its call, a call of a func value or of an
interface method changes an unexported field only through a function of
this package it can reach (one of its type that the package uses as a
value, a method of that name): a loop of hooks none of which stores the
field keeps what was stored.`,
	Wrong: `
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush() // flush locks s.mu whenever there is something to flush
}

func (s *Server) flush() {
	if len(s.pending) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = nil
}`,
	Right: `
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked() // documented to run with s.mu held
}

func (s *Server) flushLocked() {
	s.pending = nil
}`,
}

func (ps *passState) reportDoubleLock(c conflict) {
	ps.report(c.pos, doubleLockCheck, "double lock: "+c.res+" acquired while already held"+c.suffix(), c.held, c.acq)
}
