package cond

import "sync"

// A Cond whose lock is a sync.Locker the model cannot name: a guard read
// after that Lock may well be read under the Cond's lock, kept until the
// Wait. Nothing shows a window for a lost wakeup.

type waitCounter interface{ Add(int) }

type lockerPromise struct {
	lock    sync.Locker
	cond    sync.Cond
	waiting waitCounter
	isSet   bool
	value   int
}

func newLockerPromise(l sync.Locker, w waitCounter) *lockerPromise {
	return &lockerPromise{lock: l, cond: *sync.NewCond(l), waiting: w}
}

func (p *lockerPromise) Get() int {
	p.lock.Lock()
	defer p.lock.Unlock()
	if !p.isSet {
		p.waiting.Add(1)
		p.cond.Wait()
	}
	return p.value
}

func (p *lockerPromise) Set(v int) {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.value, p.isSet = v, true
	p.cond.Broadcast()
}

// The twin waits with no check at all: a Set before it is lost.
func (p *lockerPromise) Next() int {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	return p.value
}

// A call out of sight between the check and the Wait, handed no lock,
// shows no release: the check still holds at the Wait.

type countedQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	waiting waitCounter
	items   []int
}

func (q *countedQueue) Get() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		q.waiting.Add(1)
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	return q.items[0], true
}

// The twin lets the lock go and takes it again before its Wait: a Put in
// between signals before anyone waits.
func (q *countedQueue) GetSlow() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		q.mu.Unlock()
		q.waiting.Add(1)
		q.mu.Lock()
		q.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	}
	if len(q.items) == 0 {
		return 0, false
	}
	return q.items[0], true
}

func (q *countedQueue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}
