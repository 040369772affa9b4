// Package ifacestore calls an interface it declares while holding its lock;
// its implementations live in the packages that import it.
package ifacestore

import "sync"

// Invalidator is told when a key changes.
type Invalidator interface {
	Invalidate(k string)
}

// Store is guarded by mu.
type Store struct {
	mu  sync.Mutex
	m   map[string]string
	inv Invalidator
}

// New makes a Store that tells inv of every change.
func New(inv Invalidator) *Store { return &Store{m: make(map[string]string), inv: inv} }

// Set holds s.mu while it calls inv.Invalidate.
func (s *Store) Set(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
	s.inv.Invalidate(k)
}

// Load takes s.mu.
func (s *Store) Load(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}
