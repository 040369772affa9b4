package lib

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
