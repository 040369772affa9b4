package recursiverlock

import "sync"

// Two read locks of an object no other goroutine can reach yet need a
// writer between them to deadlock, and no writer can reach it (owner.go).

type snapshot struct {
	mu   sync.RWMutex
	rows []int
}

func (s *snapshot) add(r int) {
	s.mu.Lock()
	s.rows = append(s.rows, r)
	s.mu.Unlock()
}

func (s *snapshot) size() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.rows)
}

// goodFreshSnapshot reads its new snapshot twice over before anyone else
// can see it.
func goodFreshSnapshot(rows []int) *snapshot {
	s := &snapshot{rows: rows}
	s.mu.RLock()
	n := s.size()
	s.mu.RUnlock()
	_ = n
	return s
}

var current *snapshot

// badPublishedSnapshot publishes it first: a writer elsewhere may queue
// between the two read locks.
func badPublishedSnapshot(rows []int) *snapshot {
	s := &snapshot{rows: rows}
	current = s
	s.mu.RLock()
	n := s.size() // want `recursive read lock: \(\*snapshot\)\.mu read-locked while already read-held`
	s.mu.RUnlock()
	_ = n
	return s
}
