package unreleased

import "sync"

// A method that hands back its receiver, locked, or nil: the caller that
// tests the result unlocks the lock through it, which is the receiver's own.

type table struct {
	mu     sync.Mutex
	closed bool
	rows   int
}

// locked returns t with t.mu held, or nil (and t.mu released) once closed.
func (t *table) locked() *table {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return nil
	}
	return t
}

// goodAdd unlocks through the result.
func (t *table) goodAdd() {
	l := t.locked()
	if l == nil {
		return
	}
	l.rows++
	l.mu.Unlock()
}

// badAdd forgets to unlock when the table is full.
func (t *table) badAdd(limit int) bool {
	l := t.locked()
	if l == nil {
		return false
	}
	if l.rows >= limit {
		return false // want `lock not released: \(\*table\)\.mu is still held when this path returns`
	}
	l.rows++
	l.mu.Unlock()
	return true
}
