package doublelock

import "sync"

// A call of a function value or an interface with several candidates
// conflicts with a held lock only when every candidate acquires it:
// otherwise the one that runs may be another, which nothing here shows.

type notifier struct {
	mu       sync.Mutex
	onChange func(*notifier)
	n        int
}

func countLocked(n *notifier) { n.mu.Lock(); n.n++; n.mu.Unlock() }
func countPlain(n *notifier)  { n.n++ }

func newLockingNotifier() *notifier { return &notifier{onChange: countLocked} }
func newPlainNotifier() *notifier   { return &notifier{onChange: countPlain} }

// change may run either: not claimed.
func (n *notifier) change() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.onChange(n)
}

type relocker struct {
	mu   sync.Mutex
	hook func(*relocker)
}

func relockA(r *relocker) { r.mu.Lock(); r.mu.Unlock() }
func relockB(r *relocker) { r.mu.Lock(); r.mu.Unlock() }

func newRelockerA() *relocker { return &relocker{hook: relockA} }
func newRelockerB() *relocker { return &relocker{hook: relockB} }

// run deadlocks whichever runs.
func (r *relocker) run() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hook(r) // want `double lock: \(\*relocker\)\.mu acquired while already held \(through relockA\)` `double lock: \(\*relocker\)\.mu acquired while already held \(through relockB\)`
}
