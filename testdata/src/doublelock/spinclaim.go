package doublelock

import (
	"sync"
	"time"
)

// A loop that takes the lock on every turn and keeps it only when the
// value it read says to stop: coming round from the Lock, the lock was
// released on the side where the loop goes on, and kept on the side where
// its test ends it.

type slot struct {
	mu   sync.Mutex
	free bool
}

func (s *slot) claim() {
	ok := false
	for !ok {
		s.mu.Lock()
		ok = s.free
		if !ok {
			s.mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}
	s.free = false
	s.mu.Unlock()
}

// claimN keeps the lock when the slot is free, but its loop goes on by a
// count: the next turn locks again.
func (s *slot) claimN(n int) {
	for i := 0; i < n; i++ {
		s.mu.Lock() // want `double lock: \(\*slot\)\.mu locked again by this function while it holds it \(on the next loop iteration\)$`
		ok := s.free
		if !ok {
			s.mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}
	s.free = false
	s.mu.Unlock()
}
