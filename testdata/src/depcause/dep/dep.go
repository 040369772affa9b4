// Package dep has a lock bug of its own, reported here (in the real world:
// when its own module is vetted); the packages that call it cannot fix it.
package dep

import "sync"

type Cache struct {
	Mu sync.Mutex
	m  map[string]int
}

func (c *Cache) size() int {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return len(c.m)
}

// Stats locks c.Mu twice: dep's own bug.
func (c *Cache) Stats() int {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return c.size() // want `double lock: \(\*Cache\).Mu acquired while already held \(through \(\*Cache\).size, which locks it on every path\)`
}

// Get locks c.Mu once: a caller that holds it deadlocks.
func (c *Cache) Get(k string) int {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return c.m[k]
}

// Closer's Done is nil-safe: its Done is guarded by the receiver's nil-ness,
// which its callers in other packages decide (or, not knowing, are given
// the benefit of the doubt).
type Closer struct{ wg sync.WaitGroup }

func (c *Closer) Add() { c.wg.Add(1) }

func (c *Closer) Done() {
	if c == nil {
		return
	}
	c.wg.Done()
}

func (c *Closer) Wait() { c.wg.Wait() }

// Events streams events until the source fails, then reports the error on
// errs, which it closes when it stops: whether its goroutine can be left
// blocked on ev is dep's own protocol.
func Events(next func() (int, error)) (<-chan int, <-chan error) {
	ev := make(chan int, 1)
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		for {
			v, err := next()
			if err != nil {
				errs <- err
				return
			}
			ev <- v
		}
	}()
	return ev, errs
}

// Feed sends n values on out from a goroutine of its own.
func Feed(out chan<- int, n int) {
	go func() {
		for i := range n {
			out <- i
		}
	}()
}

// Server counts each Serve on a WaitGroup of its own, which Shutdown waits
// on: Serve adds only while Shutdown has not begun, under s.mu. How the
// two are ordered is Server's protocol.
type Server struct {
	mu       sync.Mutex
	shutting bool
	serving  sync.WaitGroup
}

func (s *Server) Serve() {
	s.mu.Lock()
	if s.shutting {
		s.mu.Unlock()
		return
	}
	s.serving.Add(1)
	s.mu.Unlock()
	defer s.serving.Done()
}

func (s *Server) Shutdown() {
	s.mu.Lock()
	s.shutting = true
	s.mu.Unlock()
	s.serving.Wait()
}

// Group's WaitGroup is exported: its users add and wait themselves.
type Group struct {
	WG sync.WaitGroup
}
