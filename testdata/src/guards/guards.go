// Package guards tests conditional summaries and path-sensitive locksets.
// A callee's lock acquisitions and WaitGroup counts carry the parameter test
// they run under (hasLock bool, p == nil), and each caller decides it with
// what it knows at the call; branches on one unchanged value are correlated.
// Every goodX case has a badX twin of the same shape that must be reported.
package guards

import "sync"

type Cache struct {
	mu sync.Mutex
	n  int
}

// allowed locks c.mu unless its caller says it already holds it.
func (c *Cache) allowed(s string, hasLock bool) bool {
	if !hasLock {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	return c.n > len(s)
}

// goodHasLock holds c.mu and says so: allowed does not lock.
func (c *Cache) goodHasLock(s string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.allowed(s, true)
}

// badHasLock holds c.mu and says it does not: allowed locks it again.
func (c *Cache) badHasLock(s string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.allowed(s, false) // want `double lock: \(\*Cache\)\.mu acquired while already held`
}

// goodNoLock does not hold c.mu and lets allowed lock it.
func (c *Cache) goodNoLock(s string) bool {
	return c.allowed(s, false)
}

// touch locks c.mu when asked to; its guard passes through callers that
// forward their own flag.
func (c *Cache) touch(needLock bool) {
	if needLock {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
		return
	}
	c.n++
}

func (c *Cache) forward(needLock bool) { c.touch(needLock) }

// goodForwarded holds c.mu and forwards false through a helper.
func (c *Cache) goodForwarded() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forward(false)
}

// badForwarded holds c.mu and forwards true.
func (c *Cache) badForwarded() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forward(true) // want `double lock: \(\*Cache\)\.mu acquired while already held`
}

// goodUnknownFlag passes a flag the analysis cannot decide: unknown is not
// a bug, so no double lock is claimed.
func (c *Cache) goodUnknownFlag(flags map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.touch(flags["lock"])
}

// goodKnownFlag tests its flag first: the path knows it is false.
func (c *Cache) goodKnownFlag(locked bool) {
	if !locked {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.touch(locked)
	}
}

// badKnownFlag tests its flag first: on this path it is true.
func (c *Cache) badKnownFlag(locked bool) {
	if locked {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.touch(locked) // want `double lock: \(\*Cache\)\.mu acquired while already held`
	}
}

// Node's lock is taken only for a node that exists.
type Node struct {
	mu   sync.Mutex
	next *Node
}

func (n *Node) size() int {
	if n == nil {
		return 0
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return 1
}

// goodNilNext locks n.mu and asks the size of nil: no lock is taken.
func (n *Node) goodNilNext() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	var none *Node
	return none.size()
}

// badSelfSize locks n.mu and asks its own size: n is not nil (it was
// dereferenced to lock it), so size locks n.mu again.
func (n *Node) badSelfSize() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.size() // want `double lock: \(\*Node\)\.mu acquired while already held`
}
