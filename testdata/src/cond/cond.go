// Package cond tests the cond check: sync.Cond waits that can block forever.
// Two findings, both reported at the Wait call:
//
//   - Cond.Wait on a Cond that nothing in the package ever Signals or
//     Broadcasts, so no wakeup can come (nosignal.go);
//   - Cond.Wait outside a loop that re-checks the condition, where a Signal
//     can fall between the check and the Wait and be lost: a bare Wait, a
//     test of parameters only, a condition read before the lock or with the
//     lock let go before the Wait (loop.go, checked.go). An if whose
//     condition is read under the lock, kept until the Wait, loses nothing
//     and stays silent.
//
// Conds are locals (sync.NewCond(&mu), &sync.Cond{L: ...}), pointer fields
// (shown as (*Queue).cond) and value fields of structs; the Signal or
// Broadcast is in another method or another goroutine. Every badX case has a
// goodX twin of the same shape with the bug fixed, which must stay silent.
package cond

import "sync"

// Queue is an unbounded queue: Put signals cond, Close broadcasts it.
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

// NewQueue ties cond to mu.
func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Put appends v and wakes one getter.
func (q *Queue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}

// Close wakes every getter.
func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// Gate holds goroutines until Open; its Cond is a value field whose L is mu.
type Gate struct {
	mu   sync.Mutex
	cond sync.Cond
	open bool
}

// NewGate ties cond to mu.
func NewGate() *Gate {
	g := &Gate{}
	g.cond.L = &g.mu
	return g
}

// Open releases every waiter.
func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Broadcast()
}

// Ring is a bounded buffer: puts wait on notFull and signal notEmpty, gets
// wait on notEmpty and signal notFull.
type Ring struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	buf      []int
	head, n  int
}

// NewRing makes a ring of the given capacity.
func NewRing(size int) *Ring {
	r := &Ring{buf: make([]int, size)}
	r.notEmpty = sync.NewCond(&r.mu)
	r.notFull = sync.NewCond(&r.mu)
	return r
}
