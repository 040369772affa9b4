package cond

import "sync"

// A Wait in a helper that every caller calls in a loop is in those loops:
// each wakeup goes back to the caller's check.

type helperQueue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func (q *helperQueue) waitLocked() { q.cond.Wait() }

func (q *helperQueue) Get() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.waitLocked()
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

func (q *helperQueue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}

// The twin's helper is also called outside a loop, with no check before
// it: a wakeup that comes before its Wait is lost.

type onceQueue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func (q *onceQueue) waitLocked() { q.cond.Wait() } // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`

func (q *onceQueue) Get() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.waitLocked()
	}
	return q.items[0]
}

func (q *onceQueue) AwaitNext() {
	q.mu.Lock()
	q.waitLocked()
	q.mu.Unlock()
}

func (q *onceQueue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}
