package guards

import "sync"

// Closer is nil-safe: Done on a nil *Closer does nothing, Done on a real one
// always counts down.
type Closer struct {
	wg sync.WaitGroup
}

func (c *Closer) Done() {
	if c == nil {
		return
	}
	c.wg.Done()
}

// Server holds its Closer by value: &s.closer is never nil.
type Server struct {
	closer Closer
}

func (s *Server) worker(work func()) {
	defer s.closer.Done()
	work()
}

// goodNilSafeDone: the goroutine's Done reaches closer.wg.Done, since the
// address of a field is not nil.
func (s *Server) goodNilSafeDone(work func()) {
	s.closer.wg.Add(1)
	go s.worker(work)
	s.closer.wg.Wait()
}

// finish counts down only when told the work succeeded.
func (c *Closer) finish(ok bool) {
	if !ok {
		return
	}
	c.wg.Done()
}

// goodFinishTrue always tells finish it succeeded.
func goodFinishTrue(c *Closer, work func()) {
	c.wg.Add(1)
	go func() {
		defer c.finish(true)
		work()
	}()
	c.wg.Wait()
}

// badFinishFalse tells finish it failed: Done never runs.
func badFinishFalse(c *Closer, work func()) {
	c.wg.Add(1)
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine \(\*Closer\)\.wg counts`
		defer c.finish(false)
		work()
	}()
	c.wg.Wait()
}

// badEarlyReturn returns before Done on an error path: a real miss that
// no guard explains.
func badEarlyReturn(c *Closer, work func() error) {
	c.wg.Add(1)
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine \(\*Closer\)\.wg counts`
		if err := work(); err != nil {
			return
		}
		c.Done()
	}()
	c.wg.Wait()
}

// goodUndecided calls the nil-safe Done on a pointer nothing here proves
// non-nil: whether its guard holds is unknown, and a claim that Done is not
// reached must not rest on it.
func goodUndecided(c *Closer, work func()) {
	c.wg.Add(1)
	go func() {
		defer c.Done()
		work()
	}()
	c.wg.Wait()
}
