package concurrent

import "sync"

// A goroutine that ends by one signal on one path and by another on
// another (close(granted) after its locking, close(failed) when it gives
// up before taking any lock) is done with its locks once a select of the
// starter's takes either: every case is its last signal. A case on a
// channel it closes before it locks says nothing of the locking after.
// (The two orders remain a class-level cycle, lockorder's: other callers
// may run them at once.)

type selSession struct {
	mu     sync.Mutex
	leases map[string]*selLease
}

type selLease struct {
	mu sync.Mutex
	s  *selSession
}

func (s *selSession) grant(name string) {
	s.mu.Lock()
	l := s.leases[name]
	l.mu.Lock()
	l.mu.Unlock()
	s.mu.Unlock()
}

func (l *selLease) expire() {
	l.mu.Lock()
	l.s.mu.Lock() // want `lock-order cycle: \(\*selSession\)\.mu acquired while holding \(\*selLease\)\.mu; \(\*selSession\)\.grant takes them in the opposite order$`
	l.s.mu.Unlock()
	l.mu.Unlock()
}

func CampaignGood(s *selSession, stale *selLease, give bool) {
	granted, failed := make(chan struct{}), make(chan struct{})
	go func() {
		if give {
			close(failed)
			return
		}
		s.grant("leader")
		close(granted)
	}()
	select {
	case <-granted:
	case <-failed:
	}
	stale.expire()
}

type selSession2 struct {
	mu     sync.Mutex
	leases map[string]*selLease2
}

type selLease2 struct {
	mu sync.Mutex
	s  *selSession2
}

func (s *selSession2) grant(name string) {
	s.mu.Lock()
	l := s.leases[name]
	l.mu.Lock()
	l.mu.Unlock()
	s.mu.Unlock()
}

func (l *selLease2) expire() {
	l.mu.Lock()
	l.s.mu.Lock() // want `lock-order cycle: \(\*selSession2\)\.mu acquired while holding \(\*selLease2\)\.mu; \(\*selSession2\)\.grant takes them in the opposite order; CampaignBad runs both at once$`
	l.s.mu.Unlock()
	l.mu.Unlock()
}

// CampaignBad's goroutine says it started before it locks.
func CampaignBad(s *selSession2, stale *selLease2, give bool) {
	started, failed := make(chan struct{}), make(chan struct{})
	go func() {
		if give {
			close(failed)
			return
		}
		close(started)
		s.grant("leader")
	}()
	select {
	case <-started:
	case <-failed:
	}
	stale.expire()
}
