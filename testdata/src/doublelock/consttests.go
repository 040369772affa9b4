package doublelock

import "sync"

// A callee that locks only past a test of what it was entered with (an
// argument compared with a constant, an argument's length, a field compared
// with a constant or with nil) does not lock when the call site's constant
// argument, or the constant it has just stored into that field, fails the
// test: the acquisition is ruled out there, and through a caller that
// passes its own parameter on, at that caller's call sites.

type tree struct {
	mu    sync.Mutex
	n     int
	state int
	next  *tree
}

// descend locks only while depth is positive.
func (t *tree) descend(depth int) {
	if depth > 0 {
		t.mu.Lock()
		defer t.mu.Unlock()
		t.n++
		t.descend(0)
	}
}

// check returns before it locks when x is negative.
func (t *tree) check(x int) bool {
	if x < 0 {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n > x
}

// addAll returns before it locks when there is nothing to add.
func (t *tree) addAll(xs []int) {
	if len(xs) == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n += len(xs)
}

// tick locks only in state 0.
func (t *tree) tick() {
	if t.state == 0 {
		t.mu.Lock()
		t.n++
		t.mu.Unlock()
	}
}

// link locks only when next is unset.
func (t *tree) link() {
	if t.next != nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
}

func (t *tree) descendVia(depth int) { t.descend(depth) }

// reset locks after both sides of its test meet again: whatever it is
// given, it locks.
func (t *tree) reset(xs ...int) {
	if len(xs) == 0 {
		t.state = 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n = 0
}

func (t *tree) heldCalls() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.descend(0)
	t.descendVia(0)
	_ = t.check(-1)
	t.addAll(nil)
	t.state = 1
	t.tick()
	t.next = &tree{}
	t.link()
}

// The twins pass or store what passes the test: each call locks again.

func (t *tree) heldCallsTaken(xs []int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.descend(1)    // want `double lock: \(\*tree\)\.mu acquired while already held \(through \(\*tree\)\.descend\)`
	t.descendVia(2) // want `double lock: \(\*tree\)\.mu acquired while already held \(through \(\*tree\)\.descend\)`
	_ = t.check(3)  // want `double lock: \(\*tree\)\.mu acquired while already held \(through \(\*tree\)\.check\)`
	t.addAll(xs)    // want `double lock: \(\*tree\)\.mu acquired while already held \(through \(\*tree\)\.addAll\)`
	t.state = 0
	t.tick()  // want `double lock: \(\*tree\)\.mu acquired while already held \(through \(\*tree\)\.tick\)`
	t.reset() // want `double lock: \(\*tree\)\.mu acquired while already held \(through \(\*tree\)\.reset, which locks it on every path\)`
	t.next = nil
	t.link() // want `double lock: \(\*tree\)\.mu acquired while already held \(through \(\*tree\)\.link\)`
}
