package doublelock

import "sync"

// A lock a call may have released (a call nothing resolves, handed the
// lock's owner) is doubtful on the paths through that call, in later
// blocks too; a double lock is still claimed where one path to the second
// Lock goes around every such call.

type reporter struct {
	mu    sync.Mutex
	onErr func(*reporter)
	n     int
}

// badOptionalHandler: with no handler set, nothing between the two Locks
// may release n.mu.
func (n *reporter) badOptionalHandler() {
	n.mu.Lock()
	if n.onErr != nil {
		n.onErr(n)
	}
	n.mu.Lock() // want `double lock: \(\*reporter\)\.mu acquired while already held`
	n.mu.Unlock()
}

// goodEveryPathHandsIt: both paths hand the owner to a function nothing
// resolves; either may release n.mu.
func (n *reporter) goodEveryPathHandsIt(x bool, a, b func(*reporter)) {
	n.mu.Lock()
	if x {
		a(n)
	} else {
		b(n)
	}
	n.mu.Lock()
	n.mu.Unlock()
}

// goodLaterBlock: the doubt outlives the block of the call.
func (n *reporter) goodLaterBlock(done func(*reporter)) {
	n.mu.Lock()
	done(n)
	if n.n > 0 {
		n.mu.Lock()
		n.mu.Unlock()
	}
}
