package cond

import "sync"

// Cond.Wait outside a loop loses a wakeup when the Signal can fall between
// the waiter's check of its condition and its Wait: the condition read
// before the lock was taken, the lock let go and taken again in between, a
// test of nothing the signaller changes, or no check at all. Every Cond here
// is signalled somewhere, so only the lost wakeup is reported. The fix is
// for !cond { c.Wait() } with the condition read under c.L.
//
// A Wait under an if whose condition is read with c.L held, and kept until
// the Wait, loses nothing: the signaller, which changes the state under
// c.L, cannot run in between (the checked... cases stay silent).

// checkedGetIf checks for an item once, under q.mu, which it keeps until
// the Wait: Put (another method) appends under q.mu and cannot signal in
// between.
func (q *Queue) checkedGetIf() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, true
}

// goodGetLoop re-checks in a loop.
func (q *Queue) goodGetLoop() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, true
}

// checkedIfWait: a local Cond signalled by the producer goroutine, waited
// on with an if that reads ready under mu.
func checkedIfWait(load func() int) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	var v int
	go func() {
		x := load()
		mu.Lock()
		v, ready = x, true
		mu.Unlock()
		c.Signal()
	}()
	mu.Lock()
	if !ready {
		c.Wait()
	}
	r := v
	mu.Unlock()
	return r
}

// goodIfWait waits in a loop.
func goodIfWait(load func() int) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	var v int
	go func() {
		x := load()
		mu.Lock()
		v, ready = x, true
		mu.Unlock()
		c.Signal()
	}()
	mu.Lock()
	for !ready {
		c.Wait()
	}
	r := v
	mu.Unlock()
	return r
}

// badBareWait waits with no condition at all: if the goroutine signals
// before the Wait, the wakeup is lost.
func badBareWait(work func() error) error {
	c := sync.NewCond(&sync.Mutex{})
	var err error
	go func() {
		e := work()
		c.L.Lock()
		err = e
		c.L.Unlock()
		c.Signal()
	}()
	c.L.Lock()
	c.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	e := err
	c.L.Unlock()
	return e
}

// goodBareWait records done and waits for it in a loop.
func goodBareWait(work func() error) error {
	c := sync.NewCond(&sync.Mutex{})
	done := false
	var err error
	go func() {
		e := work()
		c.L.Lock()
		done, err = true, e
		c.L.Unlock()
		c.Signal()
	}()
	c.L.Lock()
	for !done {
		c.Wait()
	}
	e := err
	c.L.Unlock()
	return e
}

// checkedAwaitIf waits on the value-field Gate.cond once, having read
// g.open under g.mu; Open broadcasts it.
func (g *Gate) checkedAwaitIf() {
	g.mu.Lock()
	if !g.open {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// goodAwaitLoop waits in a loop.
func (g *Gate) goodAwaitLoop() {
	g.mu.Lock()
	for !g.open {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// checkedWaiterGoroutine: the waiting goroutine uses an if under mu; the
// spawner signals.
func checkedWaiterGoroutine(handle func(string)) func(string) {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var msg string
	go func() {
		mu.Lock()
		if msg == "" {
			c.Wait()
		}
		m := msg
		mu.Unlock()
		handle(m)
	}()
	return func(m string) {
		mu.Lock()
		msg = m
		mu.Unlock()
		c.Signal()
	}
}

// goodWaiterGoroutine's waiting goroutine loops.
func goodWaiterGoroutine(handle func(string)) func(string) {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var msg string
	go func() {
		mu.Lock()
		for msg == "" {
			c.Wait()
		}
		m := msg
		mu.Unlock()
		handle(m)
	}()
	return func(m string) {
		mu.Lock()
		msg = m
		mu.Unlock()
		c.Signal()
	}
}

// checkedPut waits for room once, having read r.n under r.mu: no wakeup is
// lost (another putter may take the slot first, which is not a wait that
// never ends).
func (r *Ring) checkedPut(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n == len(r.buf) {
		r.notFull.Wait()
	}
	r.buf[(r.head+r.n)%len(r.buf)] = v
	r.n++
	r.notEmpty.Signal()
}

// goodPut re-checks for room in a loop.
func (r *Ring) goodPut(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.n == len(r.buf) {
		r.notFull.Wait()
	}
	r.buf[(r.head+r.n)%len(r.buf)] = v
	r.n++
	r.notEmpty.Signal()
}
