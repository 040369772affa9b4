package doublelock

import "sync"

// A loop that takes a lock once, lazily, behind a flag it sets with the
// Lock: coming round the loop from the Lock, the flag is true and the test
// in front of the Lock fails, so the lock is not taken again.

type lazy struct {
	mu sync.Mutex
	n  int
}

func (l *lazy) addSome(xs []int) {
	locked := false
	for _, x := range xs {
		if x > 0 && !locked {
			l.mu.Lock()
			locked = true
		}
		l.n += x
	}
	if locked {
		l.mu.Unlock()
	}
}

// The twin forgets to set the flag: the next positive x locks again.
func (l *lazy) addSomeUnflagged(xs []int) {
	locked := false
	for _, x := range xs {
		if x > 0 && !locked {
			l.mu.Lock() // want `double lock: \(\*lazy\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		}
		l.n += x
	}
	if locked {
		l.mu.Unlock()
	}
}
