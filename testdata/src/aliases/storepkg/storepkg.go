// Package storepkg exports a constructor that keeps the Store it is given
// in an unexported field; package usepkg locks the Store and calls a method
// of the Reader that locks it again (facts carry the binding).
package storepkg

import "sync"

type Store struct {
	mu   sync.Mutex
	rows []string
}

func (s *Store) Lock()   { s.mu.Lock() }
func (s *Store) Unlock() { s.mu.Unlock() }

type Reader struct{ store *Store }

func NewReader(s *Store) *Reader { return &Reader{store: s} }

func (r *Reader) Count() int {
	r.store.mu.Lock()
	defer r.store.mu.Unlock()
	return len(r.store.rows)
}
