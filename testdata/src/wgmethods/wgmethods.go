// Package wgmethods tests the waitgroup check on a WaitGroup kept in a
// struct field and used across the methods of its type: Add in the method
// that starts a goroutine per connection, Done in the handler the goroutine
// runs, Wait in another method (Shutdown). A handler that can return
// without its Done leaves the count above zero, and the Wait of the other
// method blocks forever. Every badX has a goodX twin that must stay silent,
// and the correct shapes found on real code stay silent too: Done deferred
// at the top of the goroutine, Done on every path through a helper, a Wait
// that follows a close making every handler return, and Add and Done both
// in the one method called per connection.
package wgmethods

import (
	"errors"
	"sync"
)

var errBad = errors.New("bad")

type conn struct{ ok bool }

func (c *conn) read() error {
	if !c.ok {
		return errBad
	}
	return nil
}

func (c *conn) close() {}

// --- Done on the success path only ---

type badServer struct {
	wg    sync.WaitGroup
	conns chan *conn
}

func (s *badServer) Serve() {
	for c := range s.conns {
		s.wg.Add(1)
		go s.handle(c) // want `WaitGroup\.Done not reached on every path of the goroutine \(\*badServer\)\.wg counts`
	}
}

func (s *badServer) handle(c *conn) {
	if err := c.read(); err != nil {
		return // Done never called: Shutdown waits forever
	}
	c.close()
	s.wg.Done()
}

func (s *badServer) Shutdown() {
	close(s.conns)
	s.wg.Wait()
}

type goodServer struct {
	wg    sync.WaitGroup
	conns chan *conn
}

func (s *goodServer) Serve() {
	for c := range s.conns {
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *goodServer) handle(c *conn) {
	defer s.wg.Done()
	if err := c.read(); err != nil {
		return
	}
	c.close()
}

func (s *goodServer) Shutdown() {
	close(s.conns)
	s.wg.Wait()
}

// --- a closure started per connection, Wait in Close ---

type badListener struct {
	wg    sync.WaitGroup
	conns chan *conn
	quit  chan struct{}
}

func (l *badListener) Accept() {
	for c := range l.conns {
		l.wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine \(\*badListener\)\.wg counts`
			select {
			case <-l.quit:
				return
			default:
			}
			c.close()
			l.wg.Done()
		}()
	}
}

func (l *badListener) Close() {
	close(l.quit)
	l.wg.Wait()
}

type goodListener struct {
	wg    sync.WaitGroup
	conns chan *conn
	quit  chan struct{}
}

func (l *goodListener) Accept() {
	for c := range l.conns {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			select {
			case <-l.quit:
				return
			default:
			}
			c.close()
		}()
	}
}

// Close: the close makes every handler return, and each returns through
// its deferred Done.
func (l *goodListener) Close() {
	close(l.quit)
	l.wg.Wait()
}

// --- Done on every path through a helper ---

type helperServer struct {
	wg    sync.WaitGroup
	conns chan *conn
}

func (s *helperServer) Serve() {
	for c := range s.conns {
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *helperServer) handle(c *conn) {
	if err := c.read(); err != nil {
		s.finish(c)
		return
	}
	s.finish(c)
}

func (s *helperServer) finish(c *conn) {
	c.close()
	s.wg.Done()
}

func (s *helperServer) Shutdown() { s.wg.Wait() }

// --- Add and Done both in the method called per connection ---

type selfCounted struct {
	wg    sync.WaitGroup
	conns chan *conn
}

func (s *selfCounted) Serve() {
	for c := range s.conns {
		go s.handle(c)
	}
}

// handle counts itself: an early return does neither Add nor Done.
func (s *selfCounted) handle(c *conn) {
	if c == nil {
		return
	}
	s.wg.Add(1)
	defer s.wg.Done()
	c.close()
}

func (s *selfCounted) Shutdown() { s.wg.Wait() }

// --- nothing waits on the WaitGroup: a missing Done blocks no one ---

type unwaited struct {
	wg    sync.WaitGroup
	conns chan *conn
}

func (s *unwaited) Serve() {
	for c := range s.conns {
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *unwaited) handle(c *conn) {
	if err := c.read(); err != nil {
		return
	}
	s.wg.Done()
}
