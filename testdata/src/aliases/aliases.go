// Package aliases tests lock identity through a field that names a lock of
// its own object: a Cond made with the object's mutex (or its RLocker), a
// sync.Locker field set to the object's mutex. Locking through the alias
// while the lock itself is held is a double lock (or a recursive read lock);
// the twins lock through one name at a time, or assign the field something
// that is not the object's own lock (no alias: the model stays silent).
package aliases

import "sync"

// --- Cond.L from RWMutex.RLocker ---

type Exec struct {
	cond *sync.Cond
	mu   sync.RWMutex
	cfg  int
}

func newExec() *Exec {
	e := &Exec{}
	e.cond = sync.NewCond(e.mu.RLocker())
	return e
}

func (e *Exec) update(c int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.cfg = c
}

func (e *Exec) config() int {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.cfg
}

func (e *Exec) badRun() int {
	e.cond.L.Lock()
	defer e.cond.L.Unlock()
	return e.config() // want `recursive read lock: \(\*Exec\)\.mu read-locked while already read-held`
}

func (e *Exec) goodRun() int {
	e.cond.L.Lock()
	c := e.cfg
	e.cond.L.Unlock()
	return c + e.config()
}

// --- Cond.L from the object's Mutex, in a composite literal ---

type Queue struct {
	mu    sync.Mutex
	ready *sync.Cond
	items []int
}

func newQueue() *Queue {
	q := &Queue{}
	q.ready = &sync.Cond{L: &q.mu}
	return q
}

func (q *Queue) badPush(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ready.L.Lock() // want `double lock: \(\*Queue\)\.mu acquired while already held`
	q.items = append(q.items, v)
	q.ready.L.Unlock()
	q.ready.Signal()
}

func (q *Queue) goodPush(v int) {
	q.ready.L.Lock()
	q.items = append(q.items, v)
	q.ready.L.Unlock()
	q.ready.Signal()
}

func (q *Queue) goodPop() int {
	q.ready.L.Lock()
	defer q.ready.L.Unlock()
	for len(q.items) == 0 {
		q.ready.Wait()
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

// --- a sync.Locker field set to the object's own mutex ---

type Worker struct {
	mu sync.Mutex
	l  sync.Locker
	n  int
}

func newWorker() *Worker {
	w := &Worker{}
	w.l = &w.mu
	return w
}

func (w *Worker) badStep() {
	w.l.Lock()
	defer w.l.Unlock()
	w.mu.Lock() // want `double lock: \(\*Worker\)\.mu acquired while already held`
	w.n++
	w.mu.Unlock()
}

func (w *Worker) goodStep() {
	w.l.Lock()
	w.n++
	w.l.Unlock()
	w.mu.Lock()
	w.n--
	w.mu.Unlock()
}

// --- no alias: the field is set to another object's lock, or to two ---

type Shard struct {
	mu     sync.Mutex
	parent *Shard
	l      sync.Locker
	n      int
}

func newShard(parent *Shard) *Shard {
	s := &Shard{parent: parent}
	s.l = &parent.mu
	return s
}

func (s *Shard) goodOther() {
	s.l.Lock()
	defer s.l.Unlock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}

type Gate struct {
	mu, other sync.Mutex
	l         sync.Locker
	n         int
}

func newGate(primary bool) *Gate {
	g := &Gate{}
	if primary {
		g.l = &g.mu
	} else {
		g.l = &g.other
	}
	return g
}

func (g *Gate) goodTwoTargets() {
	g.l.Lock()
	defer g.l.Unlock()
	g.mu.Lock()
	g.n++
	g.mu.Unlock()
}

var _ = []any{newExec, newQueue, newWorker, newShard, newGate}
