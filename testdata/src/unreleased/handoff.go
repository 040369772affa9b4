package unreleased

import (
	"errors"
	"sync"
)

var errNotOpen = errors.New("not open")

// A DB hands its writer lock to the transaction beginWrite returns: the
// exported Rollback releases it, so a path that returns with it held is
// the hand-off, not a leak.
type DB struct {
	writer sync.Mutex
	meta   sync.Mutex
	open   bool
	tx     *Tx
}

type Tx struct{ db *DB }

func (t *Tx) attach(db *DB) { t.db = db }

func (db *DB) beginWrite() (*Tx, error) {
	db.writer.Lock()
	db.meta.Lock()
	defer db.meta.Unlock()
	if !db.open {
		db.writer.Unlock()
		return nil, errNotOpen
	}
	t := &Tx{}
	t.attach(db)
	db.tx = t
	return t, nil
}

// Rollback releases the writer lock beginWrite left held.
func (t *Tx) Rollback() {
	t.db.tx = nil
	t.db.writer.Unlock()
}

func (db *DB) Begin() (*Tx, error) { return db.beginWrite() }

// A Journal has no such hand-off: its only release outside the function
// that locks is an unexported helper its callers use while holding the
// lock, so the early return that keeps it held is a leak.
type Journal struct {
	mu      sync.Mutex
	entries []string
}

func (j *Journal) unlock() { j.mu.Unlock() }

func (j *Journal) add(e string) error {
	j.mu.Lock()
	if e == "" {
		return errNotOpen // want `lock not released: \(\*Journal\)\.mu is still held when this path returns`
	}
	j.entries = append(j.entries, e)
	j.unlock()
	return nil
}
