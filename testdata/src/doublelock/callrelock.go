package doublelock

import "sync"

// Callrelock's claim (the caller holds the lock by its own Lock call, or
// by a static call that returns holding it, and calls, statically, a
// function that locks it on every path by which it returns) and its
// twins: a callee that locks on some paths only stays doublelock's; one
// that locks another object, releases the caller's lock first, only tries
// it, or is called after the caller's Unlock is silent.

type ledger struct {
	mu      sync.RWMutex
	entries int
	closed  bool
	peer    *ledger
}

// flush locks on every path.
func (l *ledger) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = 0
}

// drain reaches flush's Lock through another static call.
func (l *ledger) drain() { l.flush() }

// count read-locks on every path.
func (l *ledger) count() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.entries
}

// waitOpen locks on every path it returns by: its loop leaves only by
// the break, after a Lock.
func (l *ledger) waitOpen() {
	for {
		l.mu.Lock()
		if !l.closed {
			break
		}
		l.mu.Unlock()
	}
	l.mu.Unlock()
}

// lockOpen returns holding l.mu on every path.
func (l *ledger) lockOpen() {
	for {
		l.mu.Lock()
		if !l.closed {
			return
		}
		l.mu.Unlock()
	}
}

func (l *ledger) closeAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flush() // want `double lock: \(\*ledger\)\.mu acquired while already held \(through \(\*ledger\)\.flush, which locks it on every path\)`
}

func (l *ledger) closeDeep() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.drain() // want `double lock: \(\*ledger\)\.mu acquired while already held \(through \(\*ledger\)\.flush, which locks it on every path\)`
}

func (l *ledger) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.count() // want `double lock: \(\*ledger\)\.mu acquired while already held \(through \(\*ledger\)\.count, which locks it on every path\)`
}

func (l *ledger) reopen() {
	l.mu.Lock()
	l.closed = false
	l.waitOpen() // want `double lock: \(\*ledger\)\.mu acquired while already held \(through \(\*ledger\)\.waitOpen, which locks it on every path\)`
	l.mu.Unlock()
}

// lockedFlush holds the lock lockOpen returned holding.
func (l *ledger) lockedFlush() {
	l.lockOpen()
	l.flush() // want `double lock: \(\*ledger\)\.mu acquired while already held \(through \(\*ledger\)\.flush, which locks it on every path\)`
}

// maybeFlush locks only when there is something to flush: the double
// lock needs that path, so the claim is doublelock's.
func (l *ledger) maybeFlush() {
	if l.entries == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = 0
}

func (l *ledger) closeMaybe() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.maybeFlush() // want `double lock: \(\*ledger\)\.mu acquired while already held \(through \(\*ledger\)\.maybeFlush\)$`
}

// Silent: the callee locks the peer's mutex, another object.
func (l *ledger) flushPeer() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.peer != nil {
		l.peer.flush()
	}
}

// Silent: the callee releases the caller's lock before it locks again.
func (l *ledger) unlockedFlush() {
	l.mu.Unlock()
	l.flush()
	l.mu.Lock()
}

func (l *ledger) closeUnlocked() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unlockedFlush()
}

// Silent: the callee only tries the lock.
func (l *ledger) tryFlush() bool {
	if !l.mu.TryLock() {
		return false
	}
	defer l.mu.Unlock()
	l.entries = 0
	return true
}

func (l *ledger) closeTry() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tryFlush()
}

// Silent: the caller released the lock before the call.
func (l *ledger) closeAfter() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	l.flush()
}

// Silent: a value receiver locks a copy of the ledger, not the caller's.
type tally struct {
	mu sync.Mutex
	n  int
}

func (t tally) snapshot() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

func (t *tally) report() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.snapshot()
}
