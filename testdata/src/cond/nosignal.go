package cond

import "sync"

// Cond.Wait on a Cond that nothing in the package Signals or Broadcasts: the
// waiter re-checks its condition in a loop, but no wakeup ever comes. The
// fix adds the Signal or Broadcast to the producer. Struct types come in
// pairs (StuckQueue/Queue, ShutGate/Gate, BadRing/Ring) because the check
// looks for a Signal on the field anywhere in the package.

// badNoSignal: the producer sets ready under mu but never wakes the waiter.
func badNoSignal(load func() int) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	var v int
	go func() {
		x := load()
		mu.Lock()
		v, ready = x, true
		mu.Unlock()
	}()
	mu.Lock()
	for !ready {
		c.Wait() // want `Cond\.Wait on c with no Signal or Broadcast: it blocks forever`
	}
	r := v
	mu.Unlock()
	return r
}

// goodNoSignal's producer signals after setting ready.
func goodNoSignal(load func() int) int {
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

// badLiteralCond: a &sync.Cond{L: ...} waited on through c.L, never signalled.
func badLiteralCond(work func()) {
	c := &sync.Cond{L: &sync.Mutex{}}
	done := false
	go func() {
		work()
		c.L.Lock()
		done = true
		c.L.Unlock()
	}()
	c.L.Lock()
	for !done {
		c.Wait() // want `Cond\.Wait on c with no Signal or Broadcast: it blocks forever`
	}
	c.L.Unlock()
}

// goodLiteralCond broadcasts when done.
func goodLiteralCond(work func()) {
	c := &sync.Cond{L: &sync.Mutex{}}
	done := false
	go func() {
		work()
		c.L.Lock()
		done = true
		c.L.Unlock()
		c.Broadcast()
	}()
	c.L.Lock()
	for !done {
		c.Wait()
	}
	c.L.Unlock()
}

// badStartBarrier: the workers wait for start, but the starter never
// broadcasts it.
func badStartBarrier(n int, work func(int)) {
	var mu sync.Mutex
	start := sync.NewCond(&mu)
	started := false
	for i := 0; i < n; i++ {
		go func() {
			mu.Lock()
			for !started {
				start.Wait() // want `Cond\.Wait on start with no Signal or Broadcast: it blocks forever`
			}
			mu.Unlock()
			work(i)
		}()
	}
	mu.Lock()
	started = true
	mu.Unlock()
}

// goodStartBarrier broadcasts start to release every worker.
func goodStartBarrier(n int, work func(int)) {
	var mu sync.Mutex
	start := sync.NewCond(&mu)
	started := false
	for i := 0; i < n; i++ {
		go func() {
			mu.Lock()
			for !started {
				start.Wait()
			}
			mu.Unlock()
			work(i)
		}()
	}
	mu.Lock()
	started = true
	mu.Unlock()
	start.Broadcast()
}

// StuckQueue is Queue with the Signal left out of Put.
type StuckQueue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

// NewStuckQueue ties cond to mu.
func NewStuckQueue() *StuckQueue {
	q := &StuckQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Put appends v but wakes nobody.
func (q *StuckQueue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
}

// badGet waits for an item that Put never signals.
func (q *StuckQueue) badGet() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `Cond\.Wait on \(\*StuckQueue\)\.cond never returns: nothing in the package signals or broadcasts on it`
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

// goodGet waits on Queue.cond, which Put (another method) signals.
func (q *Queue) goodGet() (int, bool) {
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

// ShutGate is Gate with the Broadcast left out of Open.
type ShutGate struct {
	mu   sync.Mutex
	cond sync.Cond
	open bool
}

// NewShutGate ties cond to mu.
func NewShutGate() *ShutGate {
	g := &ShutGate{}
	g.cond.L = &g.mu
	return g
}

// Open sets open but wakes nobody.
func (g *ShutGate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
}

// badAwait waits on a value-field Cond that is never broadcast.
func (g *ShutGate) badAwait() {
	g.mu.Lock()
	for !g.open {
		g.cond.Wait() // want `Cond\.Wait on \(\*ShutGate\)\.cond never returns: nothing in the package signals or broadcasts on it`
	}
	g.mu.Unlock()
}

// goodAwait waits on Gate.cond, which Open broadcasts.
func (g *Gate) goodAwait() {
	g.mu.Lock()
	for !g.open {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// BadRing is Ring with a copy-paste slip: Put signals notFull instead of
// notEmpty, so nothing ever signals notEmpty.
type BadRing struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	buf      []int
	head, n  int
}

// NewBadRing makes a ring of the given capacity.
func NewBadRing(size int) *BadRing {
	r := &BadRing{buf: make([]int, size)}
	r.notEmpty = sync.NewCond(&r.mu)
	r.notFull = sync.NewCond(&r.mu)
	return r
}

// Put appends v, waiting while the ring is full, and signals the wrong Cond.
func (r *BadRing) Put(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.n == len(r.buf) {
		r.notFull.Wait()
	}
	r.buf[(r.head+r.n)%len(r.buf)] = v
	r.n++
	r.notFull.Signal()
}

// badGet waits on notEmpty, which nothing signals.
func (r *BadRing) badGet() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.n == 0 {
		r.notEmpty.Wait() // want `Cond\.Wait on \(\*BadRing\)\.notEmpty never returns: nothing in the package signals or broadcasts on it`
	}
	v := r.buf[r.head]
	r.head = (r.head + 1) % len(r.buf)
	r.n--
	r.notFull.Signal()
	return v
}

// goodGet waits on Ring.notEmpty, which the puts (other methods) signal.
func (r *Ring) goodGet() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.n == 0 {
		r.notEmpty.Wait()
	}
	v := r.buf[r.head]
	r.head = (r.head + 1) % len(r.buf)
	r.n--
	r.notFull.Signal()
	return v
}
