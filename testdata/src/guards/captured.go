package guards

import "sync"

// A flag that a closure captures lives in a cell, and each test of it is a
// load of its own. When nothing writes the cell after its one store, every
// load reads the same value: the tests are correlated like two tests of one
// parameter.

type Journal struct {
	mu      sync.Mutex
	isolate sync.Mutex
	n       int
	hooks   []func() bool
}

// goodCapturedFlag locks mu only while recovering and releases it under
// the same test before the next case takes isolate then mu: mu is never
// held when isolate is taken, and no order isolate/mu is reversed.
func (j *Journal) goodCapturedFlag(ops []int, recovering bool) {
	j.hooks = append(j.hooks, func() bool { return recovering })
	for _, op := range ops {
		if op == 1 {
			if recovering {
				j.mu.Lock()
			}
			j.n++
			if recovering {
				j.mu.Unlock()
			}
			continue
		}
		j.isolate.Lock()
		j.mu.Lock()
		j.n--
		j.mu.Unlock()
		j.isolate.Unlock()
	}
}

// Ledger is Journal's buggy twin.
type Ledger struct {
	mu      sync.Mutex
	isolate sync.Mutex
	n       int
	hooks   []func() bool
}

// badCapturedFlag's closure can clear the flag between the two tests: the
// Unlock may be skipped, mu is then held when isolate is taken, against the
// order of the other case.
func (j *Ledger) badCapturedFlag(ops []int, recovering bool) {
	j.hooks = append(j.hooks, func() bool { recovering = false; return true })
	for _, op := range ops {
		if op == 1 {
			if recovering {
				j.mu.Lock()
			}
			j.hooks[0]()
			if recovering {
				j.mu.Unlock()
			}
			continue
		}
		j.isolate.Lock()
		j.mu.Lock() // want `lock-order cycle: \(\*Ledger\)\.mu acquired while holding \(\*Ledger\)\.isolate; \(\*Ledger\)\.badCapturedFlag takes them in the opposite order`
		j.n--
		j.mu.Unlock()
		j.isolate.Unlock()
	}
}
