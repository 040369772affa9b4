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
	return c.Get("k") // want `double lock: \(\*dep.Cache\).Mu acquired while already held \(through dep.\(\*Cache\).Get\)`
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
