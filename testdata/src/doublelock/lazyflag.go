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

// The flag may be a variable a deferred closure reads, or a field of the
// object the loop works on; and the test may be of the loop's counter,
// which the next iteration moves on.

type lazyField struct {
	mu     sync.Mutex
	locked bool
	n      int
}

func (l *lazy) addSomeDeferred(xs []int) {
	locked := false
	defer func() {
		if locked {
			l.mu.Unlock()
		}
	}()
	for _, x := range xs {
		if x > 0 && !locked {
			l.mu.Lock()
			locked = true
		}
		l.n += x
	}
}

func (l *lazyField) addSome(xs []int) {
	for _, x := range xs {
		if x > 0 && !l.locked {
			l.mu.Lock()
			l.locked = true
		}
		l.n += x
	}
	if l.locked {
		l.locked = false
		l.mu.Unlock()
	}
}

func (l *lazy) addFirst(xs []int) {
	for i, x := range xs {
		if i == 0 {
			l.mu.Lock()
		}
		l.n += x
	}
	if len(xs) > 0 {
		l.mu.Unlock()
	}
}

func (l *lazy) addFirstCounted(xs []int) {
	for i := 0; i < len(xs); i++ {
		if i == 0 {
			l.mu.Lock()
		}
		l.n += xs[i]
	}
	if len(xs) > 0 {
		l.mu.Unlock()
	}
}

// The twins: the field is set to what the element says, which may leave
// it false, and a test that the counter differs from a constant passes
// again on the next iteration.

func (l *lazyField) addSomeReset(xs []int) {
	for _, x := range xs {
		if x > 0 && !l.locked {
			l.mu.Lock() // want `double lock: \(\*lazyField\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
			l.locked = x > 10
		}
		l.n += x
	}
	if l.locked {
		l.mu.Unlock()
	}
}

func (l *lazy) addAllButFirst(xs []int) {
	for i, x := range xs {
		if i != 0 {
			l.mu.Lock() // want `double lock: \(\*lazy\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		}
		l.n += x
	}
}
