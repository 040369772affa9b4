// Package user calls dep. A finding whose every step is inside dep, and
// whose cause no step of this package supplies, is dep's own bug: it is not
// reported again at each call here (see TestDependencyCause). A finding in
// which this package holds the lock that dep then takes is this package's.
package user

import "depcause/dep"

// Report only calls dep.(*Cache).Stats, whose double lock is all dep's.
func Report(c *dep.Cache) int {
	return c.Stats()
}

// Locked holds dep's lock and calls into dep, which takes it again: this
// package supplies the first acquisition.
func Locked(c *dep.Cache) int {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return c.Get("k") // want `double lock: \(\*dep.Cache\).Mu acquired while already held \(through dep.\(\*Cache\).Get, which locks it on every path\)`
}

// Run counts its goroutine on dep's nil-safe Closer: silent.
func Run(c *dep.Closer, work func()) {
	c.Add()
	go func() {
		defer c.Done()
		work()
	}()
	c.Wait()
}

// RunEarly returns before Done on an error: reported.
func RunEarly(c *dep.Closer, work func() error) {
	c.Add()
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine`
		if work() != nil {
			return
		}
		c.Done()
	}()
	c.Wait()
}

// Watch drains dep's event stream until dep reports its error: every step
// of a leak of dep's goroutine would be in dep, on dep's channel; it is not
// reported here.
func Watch(next func() (int, error), out chan<- int) {
	ev, errs := dep.Events(next)
	go func() {
		for {
			select {
			case v := <-ev:
				out <- v
			case <-errs:
				return
			}
		}
	}()
}

// First makes the channel dep's goroutine feeds three values and takes one:
// the channel is this package's, and so is the leak.
func First() int {
	ch := make(chan int)
	dep.Feed(ch, 3) // want `goroutine leak: send on ch blocks forever`
	return <-ch
}

// ServeAndStop serves in a goroutine and shuts down: the Add inside Serve
// and the Wait inside Shutdown are dep's to order (net/http's Server works
// so); nothing is reported here.
func ServeAndStop(s *dep.Server) {
	go s.Serve()
	s.Shutdown()
}

// AddInside adds to dep's exported WaitGroup inside the goroutine it
// counts: this package's own race with its Wait.
func AddInside(g *dep.Group) {
	go func() {
		g.WG.Add(1) // want `WaitGroup.Add inside the goroutine it counts races with Wait`
		defer g.WG.Done()
	}()
	g.WG.Wait()
}
