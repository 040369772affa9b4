package waitgroup

import (
	"errors"
	"sync"
)

// A goroutine that counts itself: Add(1) and a deferred Done on the same
// paths, after an early return that does neither (grpc's Server.Serve,
// started as go s.Serve(lis)). Every path that adds also calls Done, so no
// Done is missing. The Add itself still races with a Wait in the function
// that starts the goroutine: Wait may return before the goroutine has added.

var errStopped = errors.New("stopped")

// selfServer counts its running serve loops in wg.
type selfServer struct {
	wg      sync.WaitGroup
	stopped bool
}

// serve adds itself to wg once it knows it will run.
func (s *selfServer) serve() error {
	if s.stopped {
		return errStopped
	}
	s.wg.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
	defer s.wg.Done()
	return nil
}

func (s *selfServer) stop() { s.wg.Wait() }

// badServeStop stops right after starting serve: the Wait may come before
// serve's Add (reported there), but serve misses no Done.
func badServeStop(s *selfServer) {
	go s.serve()
	s.stop()
}

// goodServeShutdown stops from a shutdown goroutine once told to.
func goodServeShutdown(s *selfServer, shutdown <-chan struct{}) {
	go s.serve()
	go func() {
		<-shutdown
		s.stop()
	}()
}

// goodSelfServeClosure is serve as a closure, with the Done in a deferred
// function.
func goodSelfServeClosure(stopped bool, shutdown <-chan struct{}) {
	var wg sync.WaitGroup
	go func() {
		if stopped {
			return
		}
		wg.Add(1)
		defer func() {
			wg.Done()
		}()
	}()
	go func() {
		<-shutdown
		wg.Wait()
	}()
}

// serveConns counts itself and, in its accept loop, each connection handler
// it starts (grpc's Serve): the handlers' Dones match the loop's Adds.
func (s *selfServer) serveConns(accept func() bool) {
	if s.stopped {
		return
	}
	s.wg.Add(1)
	defer s.wg.Done()
	for accept() {
		s.wg.Add(1)
		go func() {
			_ = process("conn")
			s.wg.Done()
		}()
	}
}

// goodServeConnsShutdown stops serveConns from a shutdown goroutine.
func goodServeConnsShutdown(s *selfServer, accept func() bool, shutdown <-chan struct{}) {
	go s.serveConns(accept)
	go func() {
		<-shutdown
		s.stop()
	}()
}
