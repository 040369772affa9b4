package doublelock

import "sync"

// A double lock is claimed only when the second Lock certainly names the
// object the first one locked and nothing between them may have released
// it. Four ways the same words name another object, or a release happens
// out of sight, each beside a twin that is still a double lock.

type cursorNode struct {
	mu   sync.Mutex
	next *cursorNode
}

type cursor struct {
	cur *cursorNode
}

// advanceLocked moves the cursor on while holding the node it leaves: the
// second Lock is the next node's, since cur was repointed in between.
func (c *cursor) advanceLocked(next *cursorNode) {
	c.cur.mu.Lock()
	c.cur = next
	c.cur.mu.Lock()
	c.cur.mu.Unlock()
}

// moveTo repoints the cursor on the caller's behalf.
func (c *cursor) moveTo(next *cursorNode) { c.cur = next }

// advanceThroughCall does the same through a call that repoints it.
func (c *cursor) advanceThroughCall(next *cursorNode) {
	c.cur.mu.Lock()
	c.moveTo(next)
	c.cur.mu.Lock()
	c.cur.mu.Unlock()
}

// relockSame locks the node twice with nothing repointed: a double lock.
func (c *cursor) relockSame(next *cursorNode) {
	c.cur.mu.Lock()
	next.mu.Lock()
	c.cur.mu.Lock() // want `double lock: \(\*cursorNode\)\.mu locked again by this function while it holds it`
}

// A function value nothing resolves, handed the lock or its owner, may
// release it.

type handle struct {
	mu sync.Mutex
	n  int
}

func (h *handle) withRelease(release func(*sync.Mutex)) {
	h.mu.Lock()
	release(&h.mu)
	h.mu.Lock()
	h.mu.Unlock()
}

func (h *handle) withDone(done func(*handle)) {
	h.mu.Lock()
	done(h)
	h.mu.Lock()
	h.mu.Unlock()
}

// withCount hands the callback nothing that reaches the lock.
func (h *handle) withCount(report func(int)) {
	h.mu.Lock()
	report(h.n)
	h.mu.Lock() // want `double lock: \(\*handle\)\.mu acquired while already held`
	h.mu.Unlock()
}

// A value receiver locks a copy of the caller's mutex, and so does a local
// copy of the struct: neither waits for the caller's Lock. (go vet's
// copylocks flags the copy; the lock is no deadlock.)

type snapshot struct {
	mu sync.Mutex
	n  int
	p  *handle
}

func (s snapshot) value() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func (s *snapshot) read() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.value()
}

func (s *snapshot) copyLocal() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := *s
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// copyShares locks, through the copy, the handle both point to: a double
// lock.
func (s *snapshot) copyShares() {
	s.p.mu.Lock()
	c := *s
	c.p.mu.Lock() // want `double lock: \(\*handle\)\.mu acquired while already held`
}

func (s *snapshot) pointer() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// readPointer calls a pointer method that locks the same mutex: a double
// lock.
func (s *snapshot) readPointer() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pointer() // want `double lock: \(\*snapshot\)\.mu acquired while already held \(through \(\*snapshot\)\.pointer, which locks it on every path\)`
}
