package unreleased

import (
	"sync"
	"time"
)

// A flag that records whether the lock is held, set true after every
// Lock and false after every Unlock: at the test after the loop it is true
// on every path that reaches it, so the false branch is no path at all.

type poller struct {
	mu     sync.Mutex
	val    int
	closed bool
}

func (p *poller) waitValue(want, tries int) bool {
	p.mu.Lock()
	held := true
	for i := 0; i < tries; i++ {
		if p.val == want {
			break
		}
		p.mu.Unlock()
		held = false
		time.Sleep(time.Millisecond)
		p.mu.Lock()
		held = true
	}
	ok := p.val == want
	if held {
		p.mu.Unlock()
	}
	return ok
}

// The buggy twin forgets to set the flag again after the Lock in the loop:
// a path that went round the loop returns with the lock held.
func (p *poller) waitValueForgets(want, tries int) bool {
	p.mu.Lock()
	held := true
	for i := 0; i < tries; i++ {
		if p.val == want {
			break
		}
		p.mu.Unlock()
		held = false
		time.Sleep(time.Millisecond)
		p.mu.Lock()
	}
	ok := p.val == want
	if held {
		p.mu.Unlock()
	}
	return ok // want `lock not released: \(\*poller\).mu is still held when this path returns: one branch before it releases it, another does not`
}

// A flag negated on every turn of a loop holds either value at the test:
// it is no constant (and its phi, met again through the negation, must
// not send the walk round the loop for ever).
func (p *poller) toggles(n int) {
	p.mu.Lock()
	held := true
	for i := 0; i < n; i++ {
		held = !held
	}
	if held {
		p.mu.Unlock()
	}
} // want `lock not released: \(\*poller\).mu is still held when this path returns: one branch before it releases it, another does not`
