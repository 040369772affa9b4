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

// The same server started through a closure that keeps serve's error:
// the test is made in serve, a frame inside the goroutine's body, and
// still orders the Add before the Wait.

type errSrv struct {
	mu       sync.Mutex
	shutdown bool
	wg       sync.WaitGroup
	accept   func() bool
}

func (s *errSrv) serve() error {
	s.mu.Lock()
	if s.shutdown {
		s.mu.Unlock()
		return nil
	}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	for s.accept() {
	}
	return nil
}

func (s *errSrv) close() {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	s.wg.Wait()
}

func RunErr(accept func() bool) error {
	s := &errSrv{accept: accept}
	errc := make(chan error, 1)
	go func() { errc <- s.serve() }()
	s.close()
	return <-errc
}

// Its twin, started the same way, sets the flag only after its Wait.

type lateErrSrv struct {
	mu       sync.Mutex
	shutdown bool
	wg       sync.WaitGroup
	accept   func() bool
}

func (s *lateErrSrv) serve() error {
	s.mu.Lock()
	if s.shutdown {
		s.mu.Unlock()
		return nil
	}
	s.wg.Add(1) // want `WaitGroup.Add inside the goroutine it counts races with Wait`
	s.mu.Unlock()
	defer s.wg.Done()
	for s.accept() {
	}
	return nil
}

func (s *lateErrSrv) close() {
	s.wg.Wait()
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
}

func RunLateErr(accept func() bool) error {
	s := &lateErrSrv{accept: accept}
	errc := make(chan error, 1)
	go func() { errc <- s.serve() }()
	s.close()
	return <-errc
}
