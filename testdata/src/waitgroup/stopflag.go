package waitgroup

import "sync"

// An Add inside the goroutine it counts, made under a lock only while a
// stop flag read under that lock is false; the waiter sets the flag under
// the lock before it waits. Every Add runs before the Wait, or not at all.

type listenerSrv struct {
	mu       sync.Mutex
	shutdown bool
	wg       sync.WaitGroup
	accept   func() bool
}

func (s *listenerSrv) serve() {
	s.mu.Lock()
	if s.shutdown {
		s.mu.Unlock()
		return
	}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	for s.accept() {
	}
}

func (s *listenerSrv) close() {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	s.wg.Wait()
}

func RunListener(accept func() bool) {
	s := &listenerSrv{accept: accept}
	go s.serve()
	s.close()
}

// The twin sets the flag only after its Wait: an Add may come after the
// Wait has returned.

type lateSrv struct {
	mu       sync.Mutex
	shutdown bool
	wg       sync.WaitGroup
	accept   func() bool
}

func (s *lateSrv) serve() {
	s.mu.Lock()
	if s.shutdown {
		s.mu.Unlock()
		return
	}
	s.wg.Add(1) // want `WaitGroup.Add inside the goroutine it counts races with Wait`
	s.mu.Unlock()
	defer s.wg.Done()
	for s.accept() {
	}
}

func (s *lateSrv) close() {
	s.wg.Wait()
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
}

func RunLate(accept func() bool) {
	s := &lateSrv{accept: accept}
	go s.serve()
	s.close()
}
