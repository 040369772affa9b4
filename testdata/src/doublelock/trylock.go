package doublelock

import "sync"

// Assignments is a table whose helper asserts its lock is held: a TryLock
// that succeeds means the caller did not hold it. A TryLock never waits, so
// under the lock it fails and nothing is acquired twice.
type Assignments struct {
	mu sync.Mutex
	n  int
}

// assignLocked must be called with a.mu held; it checks that it is.
func (a *Assignments) assignLocked() {
	if a.mu.TryLock() {
		a.mu.Unlock()
		panic("assignLocked called without a.mu")
	}
	a.n++
}

// assign locks a.mu itself.
func (a *Assignments) assign() {
	a.mu.Lock()
	a.n++
	a.mu.Unlock()
}

// Reset holds a.mu across the asserting helper: silent.
func (a *Assignments) Reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.assignLocked()
}

// ResetWrong holds a.mu across the helper that locks it.
func (a *Assignments) ResetWrong() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.assign() // want `double lock: \(\*Assignments\)\.mu acquired while already held`
}
