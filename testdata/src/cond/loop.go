package cond

import "sync"

// Cond.Wait outside a loop: the waiter checks its condition once with an if
// (or not at all) and then waits. If the Signal came before the Wait it is
// lost and the Wait blocks forever; and a wakeup does not guarantee the
// condition still holds. Every Cond here is signalled somewhere, so only the
// missing loop is reported. The fix is for !cond { c.Wait() }.

// badGetIf checks for an item once; Put (another method) signals q.cond.
func (q *Queue) badGetIf() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 && !q.closed {
		q.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
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

// badIfWait: a local Cond signalled by the producer goroutine, waited on with if.
func badIfWait(load func() int) int {
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
		c.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
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

// badAwaitIf waits on the value-field Gate.cond once; Open broadcasts it.
func (g *Gate) badAwaitIf() {
	g.mu.Lock()
	if !g.open {
		g.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
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

// badWaiterGoroutine: the waiting goroutine uses if; the spawner signals.
func badWaiterGoroutine(handle func(string)) func(string) {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var msg string
	go func() {
		mu.Lock()
		if msg == "" {
			c.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
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

// badPut waits for room once; Ring's gets (another method) signal notFull,
// but another putter can take the slot first.
func (r *Ring) badPut(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n == len(r.buf) {
		r.notFull.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
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
