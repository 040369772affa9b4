package lockorder

import "sync"

// Mutex wraps sync.Mutex, as libraries do to swap in a deadlock detector
// under a build tag: each field that holds one is a lock of its own, named
// by that field (Diary.mtx and Book.mtx are two classes, and index's is a
// third). Taken as one class, record (Diary's wrapper, then stats.mu) and
// add (stats.mu, then index's wrapper) would make a cycle no code takes.
type Mutex struct{ sync.Mutex }

// Book posts to its Diary under its own lock; the Diary records into
// a package-level index under the diary's lock.
type Book struct {
	mtx Mutex
	j   *Diary
	n   int
}

type Diary struct {
	mtx Mutex
	n   int
}

type index struct {
	Mutex
	m map[int]int
}

var idx = index{m: map[int]int{}}

func (l *Book) Post() {
	l.mtx.Lock()
	defer l.mtx.Unlock()
	l.n++
	l.j.record(l.n)
}

func (j *Diary) record(n int) {
	j.mtx.Lock()
	defer j.mtx.Unlock()
	j.n = n
	st.add(n)
}

// stats counts records under a plain mutex and indexes them under the
// index's wrapper: diary, then stats, then index, one order.
type stats struct {
	mu sync.Mutex
	n  int
}

var st stats

func (s *stats) add(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	idx.put(n)
}

func (x *index) put(n int) {
	x.Lock()
	x.m[n] = n
	x.Unlock()
}

// locked runs f under m: a helper given the wrapper itself.
func locked(m *Mutex, f func()) {
	m.Lock()
	defer m.Unlock()
	f()
}

// Size reads the diary under its lock through the helper, then the index:
// the same order as record.
func (j *Diary) Size() int {
	n := 0
	locked(&j.mtx, func() {
		idx.Lock()
		n = len(idx.m)
		idx.Unlock()
	})
	return n
}

// badAudit takes the diary's lock, then the book's: Post takes them in
// the opposite order.
func (j *Diary) badAudit(l *Book) {
	locked(&j.mtx, func() { // want `lock-order cycle: \(\*Book\)\.mtx\.Mutex acquired while holding \(\*Diary\)\.mtx\.Mutex; \(\*Book\)\.Post takes them in the opposite order`
		l.mtx.Lock()
		j.n = l.n
		l.mtx.Unlock()
	})
}
