package unreleased

import "sync"

// An unlock wrapped by sync.OnceFunc is the unlock: deferring the wrapper
// releases the lock on every path.

type onceLedger struct {
	mu      sync.Mutex
	entries []int
}

func (l *onceLedger) drop() {
	l.mu.Lock()
	unlock := sync.OnceFunc(l.mu.Unlock)
	defer unlock()
	if len(l.entries) == 0 {
		return
	}
	l.entries = l.entries[1:]
}

// dropWrapped wraps a function that releases nothing: the early return
// keeps the lock.
func (l *onceLedger) dropWrapped() {
	l.mu.Lock()
	done := sync.OnceFunc(func() { l.entries = l.entries[:0:0] })
	defer done()
	if len(l.entries) == 0 {
		return // want `lock not released: \(\*onceLedger\)\.mu is still held when this path returns`
	}
	l.entries = l.entries[1:]
	l.mu.Unlock()
}
