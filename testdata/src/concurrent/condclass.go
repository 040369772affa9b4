package concurrent

import "sync"

// A Cond's lock is the one it was made with, one per Cond: two Conds held
// by different fields are two locks, not one class every Cond shares. The
// pool's Cond and the queue's Cond are taken in opposite orders with the
// connection's lock, but they are different locks: no cycle.

type CondPool struct {
	cond *sync.Cond
	conn *CondConn
}

type CondConn struct {
	mu    sync.Mutex
	queue *CondQueue
}

type CondQueue struct {
	cond *sync.Cond
}

func newCondPool() *CondPool {
	return &CondPool{cond: sync.NewCond(&sync.Mutex{}), conn: &CondConn{queue: &CondQueue{cond: sync.NewCond(&sync.Mutex{})}}}
}

// acquire holds the pool's Cond lock, then the connection's lock.
func (p *CondPool) acquire() {
	p.cond.L.Lock()
	p.conn.close()
	p.cond.L.Unlock()
}

func (c *CondConn) close() {
	c.mu.Lock()
	c.mu.Unlock()
}

// put holds the connection's lock, then the queue's Cond lock (through a
// helper that is given the Cond).
func (c *CondConn) put() {
	c.mu.Lock()
	lockCond(c.queue.cond)
	c.mu.Unlock()
}

func lockCond(cond *sync.Cond) {
	cond.L.Lock()
	cond.L.Unlock()
}

func RunConds() {
	p := newCondPool()
	go p.acquire()
	p.conn.put()
}

// The buggy twin: the connection takes the pool's own Cond lock back, while
// acquire holds it and waits for the connection's lock.

type CondPool2 struct {
	cond *sync.Cond
	conn *CondConn2
}

type CondConn2 struct {
	mu   sync.Mutex
	pool *CondPool2
}

func (p *CondPool2) acquire() {
	p.cond.L.Lock()
	p.conn.close()
	p.cond.L.Unlock()
}

func (c *CondConn2) close() {
	c.mu.Lock()
	c.mu.Unlock()
}

func (c *CondConn2) put() {
	c.mu.Lock()
	lockCond(c.pool.cond) // want `lock-order cycle: \(\*CondPool2\)\.cond\.L acquired while holding \(\*CondConn2\)\.mu; \(\*CondPool2\)\.acquire takes them in the opposite order; RunConds2 runs both at once$`
	c.mu.Unlock()
}

func RunConds2(p *CondPool2) {
	go p.acquire()
	p.conn.put()
}
