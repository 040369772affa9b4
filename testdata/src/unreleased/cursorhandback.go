package unreleased

import "sync"

// A cursor constructor takes a read lock through a helper that returns its
// release, on one branch only, and returns a cursor whose unlock closure
// calls that release under the same test: the caller releases the lock by
// closing the cursor. The twin's closure forgets the release it was
// handed: the lock taken on that branch stays held.

type memTable struct {
	sync.RWMutex
	rows []int
}

func (t *memTable) snapshot() ([]int, func()) {
	t.RLock()
	return append([]int(nil), t.rows...), t.RUnlock
}

type tableStore struct {
	mu       sync.RWMutex
	active   *memTable
	flushing *memTable
}

type tableCursor struct {
	rows   [][]int
	unlock func()
}

func (s *tableStore) cursor() *tableCursor {
	s.mu.RLock()
	var rows [][]int
	var releaseFlushing func()
	if s.flushing != nil {
		var r []int
		r, releaseFlushing = s.flushing.snapshot()
		rows = append(rows, r)
	}
	r, releaseActive := s.active.snapshot()
	rows = append(rows, r)
	return &tableCursor{rows: rows, unlock: func() {
		if s.flushing != nil {
			releaseFlushing()
		}
		releaseActive()
		s.mu.RUnlock()
	}}
}

func (c *tableCursor) Close() { c.unlock() }

func (s *tableStore) leakyCursor() *tableCursor {
	s.mu.RLock()
	var rows [][]int
	var releaseFlushing func()
	if s.flushing != nil {
		var r []int
		r, releaseFlushing = s.flushing.snapshot()
		rows = append(rows, r)
	}
	_ = releaseFlushing
	r, releaseActive := s.active.snapshot()
	rows = append(rows, r)
	return &tableCursor{rows: rows, unlock: func() { // want `lock not released: \(\*memTable\)\.RWMutex is still held when this path returns: one branch before it takes it, another never does`
		releaseActive()
		s.mu.RUnlock()
	}}
}

// Scan uses both cursors.
func (s *tableStore) Scan() int {
	c := s.cursor()
	n := len(c.rows)
	c.Close()
	l := s.leakyCursor()
	n += len(l.rows)
	l.Close()
	return n
}
