package user

import (
	"sync"

	"unlockercross/lib"
)

// A lock a transaction holds, handed (inside a job another package's
// queue builds) to the worker that releases it: the next begin waits for
// the worker, not for itself. The twin hands the transaction to a function
// that keeps it nowhere.

type db struct{ mu sync.Mutex }

type tx struct{ d *db }

// begin returns with d.mu held; Release gives it back.
func (d *db) begin() *tx         { d.mu.Lock(); return &tx{d: d} }
func (t *tx) Release()           { t.d.mu.Unlock() }
func (d *db) serve(q *lib.Queue) { go q.Run() }

func writeQueued(d *db, q *lib.Queue) {
	t := d.begin()
	q.SubmitHeld("w", t) // the worker owns t, and d.mu, now
}

func writeQueuedTwice(d *db, q *lib.Queue) {
	writeQueued(d, q)
	writeQueued(d, q) // begin waits for the worker's release
}

func writeDescribed(d *db, q *lib.Queue) string {
	t := d.begin()
	return q.Describe("w", t) // t goes nowhere: d.mu stays held
}

func writeDescribedTwice(d *db, q *lib.Queue) {
	writeDescribed(d, q)
	writeDescribed(d, q) // want `double lock: \(\*db\)\.mu acquired while already held \(through \(\*db\)\.begin, which locks it on every path\)`
}

// The same through a service's fields, the transaction used before it is
// queued, as a Releaser (the conversion keeps the object).
type service struct {
	d *db
	q *lib.Queue
}

func (t *tx) set(k string) {}

func (s *service) writeAsync(k string) {
	t := s.d.begin()
	t.set(k)
	s.q.SubmitHeld(k, t)
}

func (s *service) writePair() {
	s.writeAsync("a")
	s.writeAsync("b")
}

func (s *service) writeNamed(k string) string {
	t := s.d.begin()
	t.set(k)
	return s.q.Describe(k, t)
}

func (s *service) writeNamedPair() {
	s.writeNamed("a")
	s.writeNamed("b") // want `double lock: \(\*db\)\.mu acquired while already held \(through \(\*db\)\.begin, which locks it on every path\)`
}

// Kept where another goroutine takes it: a queue's slice, a map of pending
// requests that the response handler completes. The twin's Count keeps it
// in a slice of its own.

func writePushed(d *db, q *lib.SliceQueue) {
	t := d.begin()
	q.Push(t)
}

func writePushedTwice(d *db, q *lib.SliceQueue) {
	writePushed(d, q)
	writePushed(d, q)
}

func writePending(d *db, p *lib.Pending, id int) {
	t := d.begin()
	p.Put(id, t)
}

func writePendingTwice(d *db, p *lib.Pending) {
	writePending(d, p, 1)
	writePending(d, p, 2)
}

func writeCounted(d *db, q *lib.SliceQueue) int {
	t := d.begin()
	return q.Count(t)
}

func writeCountedTwice(d *db, q *lib.SliceQueue) {
	writeCounted(d, q)
	writeCounted(d, q) // want `double lock: \(\*db\)\.mu acquired while already held \(through \(\*db\)\.begin, which locks it on every path\)`
}
