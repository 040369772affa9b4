// Package store calls an interface it declares, Invalidator, while holding
// Store.mu. It cannot know the implementations its importers convert to
// Invalidator: the call is recorded, with the locks held, for them to
// resolve. Nothing here is a finding on its own, so this package has no wants.
package store

import "sync"

// Invalidator is told when a key changes.
type Invalidator interface {
	Invalidate(k string)
}

// Dropper is told when a key is dropped; no implementation anywhere locks.
type Dropper interface {
	Drop(k string)
}

// Store is guarded by mu.
type Store struct {
	mu   sync.Mutex
	m    map[string]string
	inv  Invalidator
	drop Dropper
}

// New makes a Store that tells inv of every change.
func New(inv Invalidator, drop Dropper) *Store {
	return &Store{m: make(map[string]string), inv: inv, drop: drop}
}

// Set holds s.mu while it calls inv.Invalidate.
func (s *Store) Set(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
	s.inv.Invalidate(k)
}

// Delete holds s.mu while a helper calls inv.Invalidate.
func (s *Store) Delete(k string) {
	s.mu.Lock()
	delete(s.m, k)
	s.notify(k)
	s.drop.Drop(k)
	s.mu.Unlock()
}

func (s *Store) notify(k string) { s.inv.Invalidate(k) }

// Load takes s.mu.
func (s *Store) Load(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

// Touch calls inv.Invalidate with no lock held.
func (s *Store) Touch(k string) { s.inv.Invalidate(k) }
