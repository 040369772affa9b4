package guards

import (
	"sync"
	"time"
)

// Registry's helpers take their lock only when asked; callers that hold it
// already say so.
type Registry struct {
	mu   sync.RWMutex
	name string
	n    int
}

// nameLocked tests its receiver for nil first and its flag second: the
// read lock is taken only when both tests pass, and a caller that passes
// false does not take it whatever the receiver.
func (s *Registry) nameLocked(needLock bool) string {
	if s == nil {
		return ""
	}
	if needLock {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	return s.name
}

func (s *Registry) goodNameHeld() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nameLocked(false)
}

func (s *Registry) badNameHeld() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nameLocked(true) // want `double lock: \(\*Registry\)\.mu acquired while already held`
}

// remove's lock and unlock closures test the flag it captured: its caller's
// argument decides them.
func (s *Registry) remove(x int, needLock bool) int {
	lock := func() {
		if needLock {
			s.mu.Lock()
		}
	}
	unlock := func() {
		if needLock {
			s.mu.Unlock()
		}
	}
	lock()
	defer unlock()
	if x == 0 {
		return 0
	}
	return s.n
}

func (s *Registry) goodRemoveHeld() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.remove(3, false)
}

func (s *Registry) badRemoveHeld() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.remove(3, true) // want `double lock: \(\*Registry\)\.mu acquired while already held`
}

// lockIf returns early unless asked to lock: it returns holding the lock
// exactly when its flag is true, which its callers decide.
func (s *Registry) lockIf(need bool) {
	if !need {
		return
	}
	s.mu.Lock()
}

// badLockIf returns early on a test of its state, not of what its caller
// asked: no argument tells the caller whether it holds the lock.
func (s *Registry) badLockIf() {
	s.mu.Lock()
	if s.n == 0 {
		s.mu.Unlock()
		return
	}
} // want `lock not released: \(\*Registry\)\.mu is still held when this path returns`

// waitLocked is called holding s.mu; it releases the lock while it sleeps
// and takes it back before it looks again, so its Lock is not a second
// acquisition of its caller's lock.
func (s *Registry) waitLocked() bool {
	if s.n == 0 {
		return true
	}
	for i := 0; i < 10; i++ {
		s.mu.Unlock()
		time.Sleep(time.Millisecond)
		s.mu.Lock()
		if s.n == 1 {
			return false
		}
	}
	return false
}

func (s *Registry) goodWaitHeld() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waitLocked()
}

// pollLocked forgets to release the lock before it takes it again.
func (s *Registry) pollLocked() bool {
	for i := 0; i < 10; i++ {
		time.Sleep(time.Millisecond)
		s.mu.Lock() // want `double lock: \(\*Registry\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		if s.n == 1 {
			return false
		}
	}
	return false
}

func (s *Registry) badPollHeld() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pollLocked() // want `double lock: \(\*Registry\)\.mu acquired while already held`
}
