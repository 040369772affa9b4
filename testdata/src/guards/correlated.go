package guards

import "sync"

type Store struct {
	mu sync.Mutex
	n  int
}

// goodCorrelated locks and unlocks under the same unchanged flag: there is
// no path that locks without unlocking.
func (s *Store) goodCorrelated(f bool) {
	if f {
		s.mu.Lock()
	}
	s.n++
	if f {
		s.mu.Unlock()
	}
}

// goodCorrelatedReturn has an early return between the two tests.
func (s *Store) goodCorrelatedReturn(f bool) int {
	if f {
		s.mu.Lock()
	}
	if s.n > 3 {
		if f {
			s.mu.Unlock()
		}
		return 1
	}
	s.n++
	if f {
		s.mu.Unlock()
	}
	return 0
}

// goodCorrelatedCaller holds s.mu and calls goodCorrelated(false).
func (s *Store) goodCorrelatedCaller() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.goodCorrelated(false)
}

// badCorrelatedCaller holds s.mu and calls goodCorrelated(true).
func (s *Store) badCorrelatedCaller() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.goodCorrelated(true) // want `double lock: \(\*Store\)\.mu acquired while already held`
}

// badCorrelatedTwice locks twice under the same flag: when it is true, the
// second Lock finds the first still held.
func (s *Store) badCorrelatedTwice(f bool) {
	if f {
		s.mu.Lock()
	}
	s.n++
	if f {
		s.mu.Lock() // want `double lock: \(\*Store\)\.mu locked again by this function while it holds it`
	}
	s.mu.Unlock()
}

// goodCorrelatedOnce locks under f and under !f: never both.
func (s *Store) goodCorrelatedOnce(f bool) {
	if f {
		s.mu.Lock()
	}
	s.n++
	if !f {
		s.mu.Lock()
	}
	s.n++
	s.mu.Unlock()
}

// badCorrelatedReturn is goodCorrelatedReturn without the Unlock on the
// early return: when f is true it returns with s.mu held.
func (s *Store) badCorrelatedReturn(f bool) int {
	if f {
		s.mu.Lock()
	}
	if s.n > 3 {
		return 1 // want `lock not released: \(\*Store\)\.mu is still held when this path returns`
	}
	s.n++
	if f {
		s.mu.Unlock()
	}
	return 0
}
