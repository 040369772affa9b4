package doublelock

import "sync"

// A call of the function sync.OnceFunc(f) (or OnceValue, OnceValues)
// returns runs f the first time: what f locks or releases, the call locks
// or releases.

type onceTally struct {
	mu sync.Mutex
	n  int
}

func (t *onceTally) bump() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
}

// resetEarly releases through the wrapper before it calls bump; the
// deferred call is then a no-op.
func (t *onceTally) resetEarly() {
	unlock := sync.OnceFunc(func() { t.mu.Unlock() })
	t.mu.Lock()
	defer unlock()
	t.n = 0
	unlock()
	t.bump()
}

// resetLate calls bump while it still holds the lock: the wrapper runs
// only when it returns.
func (t *onceTally) resetLate() {
	unlock := sync.OnceFunc(func() { t.mu.Unlock() })
	t.mu.Lock()
	defer unlock()
	t.n = 0
	t.bump() // want `double lock: \(\*onceTally\)\.mu acquired while already held \(through \(\*onceTally\)\.bump, which locks it on every path\)`
}

// total calls, under the lock, a OnceValue whose function takes it.
func (t *onceTally) total() int {
	get := sync.OnceValue(func() int {
		t.mu.Lock()
		defer t.mu.Unlock()
		return t.n
	})
	t.mu.Lock()
	defer t.mu.Unlock()
	return get() // want `double lock: \(\*onceTally\)\.mu acquired while already held`
}

// totalAfter calls it once the lock is released.
func (t *onceTally) totalAfter() int {
	get := sync.OnceValue(func() int {
		t.mu.Lock()
		defer t.mu.Unlock()
		return t.n
	})
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
	return get()
}
