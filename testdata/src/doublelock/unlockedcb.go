package doublelock

import "sync"

// A helper that releases its caller's lock around a callback (unlock, run,
// lock again) runs the callback without that lock: a callback that takes
// it is no double lock. A helper that keeps the lock held while it calls
// back is one.
type relay struct {
	mu sync.Mutex
	n  int
}

func (r *relay) reset() {
	r.mu.Lock()
	r.n = 0
	r.mu.Unlock()
}

// unlocked runs f with r.mu released; r.mu is held on entry and on return.
func (r *relay) unlocked(f func()) {
	r.mu.Unlock()
	defer r.mu.Lock()
	f()
}

// held runs f with r.mu still held.
func (r *relay) held(f func()) {
	r.n++
	f()
}

func (r *relay) goodUnlockedCallback() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.unlocked(r.reset)
}

func (r *relay) badHeldCallback() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.held(r.reset) // want `double lock: \(\*relay\)\.mu acquired while already held`
}
