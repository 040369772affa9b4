package lib

import "sync"

// A Releaser gives back what its holder holds (a transaction that commits
// and unlocks its database).
type Releaser interface{ Release() }

type job struct {
	name string
	rel  Releaser
}

// Queue hands what it is submitted to the goroutine Run runs in.
type Queue struct{ jobs chan job }

func NewQueue() *Queue { return &Queue{jobs: make(chan job, 8)} }

// SubmitHeld queues r, inside a job, for the worker: the worker releases
// it, so the caller's lock is the worker's to give back now.
func (q *Queue) SubmitHeld(name string, r Releaser) {
	q.jobs <- job{name: name, rel: r}
}

// Describe builds a job to name it and lets r go nowhere.
func (q *Queue) Describe(name string, r Releaser) string {
	j := job{name: name, rel: r}
	return j.name
}

func (q *Queue) Run() {
	for j := range q.jobs {
		j.rel.Release()
	}
}

// SliceQueue keeps what it is pushed in a slice under its lock, for the
// goroutine Run runs in; Pending keeps requests by id until Complete.
type SliceQueue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []Releaser
}

func NewSliceQueue() *SliceQueue {
	q := &SliceQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *SliceQueue) Push(r Releaser) {
	q.mu.Lock()
	q.items = append(q.items, r)
	q.mu.Unlock()
	q.cond.Signal()
}

// Count appends r to a slice of its own and lets it go nowhere.
func (q *SliceQueue) Count(r Releaser) int {
	items := append([]Releaser(nil), r)
	return len(items)
}

func (q *SliceQueue) Run() {
	for {
		q.mu.Lock()
		for len(q.items) == 0 {
			q.cond.Wait()
		}
		r := q.items[0]
		q.items = q.items[1:]
		q.mu.Unlock()
		r.Release()
	}
}

type Pending struct {
	mu   sync.Mutex
	byID map[int]Releaser
}

func (p *Pending) Put(id int, r Releaser) {
	p.mu.Lock()
	p.byID[id] = r
	p.mu.Unlock()
}

func (p *Pending) Complete(id int) {
	p.mu.Lock()
	r := p.byID[id]
	delete(p.byID, id)
	p.mu.Unlock()
	r.Release()
}
