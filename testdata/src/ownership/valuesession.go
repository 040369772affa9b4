package ownership

import "sync"

// A read session handed back by value: ReadSession1 read-locks the store
// and returns a Session1 holding it; Done, a method of the value, unlocks
// the store the session holds. The copy the caller gets names the same
// store (the field is set once, when the value is made), so the release is
// of the lock the call took, and the Wait after it holds nothing. The twin
// waits before it ends the session: its goroutine's Set waits for the read
// lock to go, and the read lock waits for the Wait.

type Store5 struct {
	mu sync.RWMutex
	m  map[string]int
}

type Session1 struct{ s *Store5 }

func (s *Store5) ReadSession1() Session1 { s.mu.RLock(); return Session1{s: s} }

func (r Session1) Done() { r.s.mu.RUnlock() }

func (r Session1) Get(k string) int { return r.s.m[k] }

func (s *Store5) Set(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}

func CopyThenSet(s *Store5) int {
	r := s.ReadSession1()
	n := r.Get("a")
	r.Done()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.Set("b", n)
	}()
	wg.Wait()
	return n
}

func CopyWhileSet(s *Store5) int {
	r := s.ReadSession1()
	n := r.Get("a")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.Set("b", n)
	}()
	wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*Store5\)\.mu; the goroutines it waits for take \(\*Store5\)\.mu before Done`
	r.Done()
	return n
}
