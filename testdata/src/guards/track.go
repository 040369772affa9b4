package guards

import (
	"errors"
	"sync"
)

// A helper that adds to a WaitGroup only when it returns true, and callers
// that go on only on true: the counts of each side of the helper's result
// are those of the paths returning it, so the caller's early return on
// false owes no Done.

var errTrackClosed = errors.New("closed")

type trackServer struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	closing bool
}

// track adds for a listener unless the server is closing, or drops it.
func (s *trackServer) track(add bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if add {
		if s.closing {
			return false
		}
		s.wg.Add(1) // want `WaitGroup.Add inside the goroutine it counts races with Wait`
	} else {
		s.wg.Done()
	}
	return true
}

// serve goes on only when track added for it, and drops itself on return.
func (s *trackServer) serve(work func()) error {
	if !s.track(true) {
		return errTrackClosed
	}
	defer s.track(false)
	work()
	return nil
}

// goodTrackServe: the Done of serve is reached on every path that added.
// (The Add inside the goroutine does race with this Wait, reported at
// the Add: nothing stops Wait from returning before serve adds.)
func goodTrackServe(s *trackServer, work func()) {
	go s.serve(work)
	s.wg.Wait()
}

// badServeInverted goes on on false, and drops a count it never added.
func (s *trackServer) badServeInverted(work func()) error {
	if s.track(true) {
		return errTrackClosed
	}
	defer s.track(false)
	work()
	return nil
}

func badTrackServeInverted(s *trackServer, work func()) {
	go s.badServeInverted(work) // want `WaitGroup.Done not reached on every path of the goroutine \(\*trackServer\).wg counts`
	s.wg.Wait()
}

// release calls Done for the caller unless keep says otherwise.
func (s *trackServer) release(keep func() bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if keep() {
		return false
	}
	s.wg.Done()
	return true
}

// goodRelease calls Done itself exactly when release did not.
func goodRelease(s *trackServer, work, keep func() bool) {
	s.wg.Add(1)
	go func() {
		work()
		if !s.release(keep) {
			s.wg.Done()
		}
	}()
	s.wg.Wait()
}

// badRelease calls Done again when release did, and never when it did not.
func badRelease(s *trackServer, work, keep func() bool) {
	s.wg.Add(1)
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine \(\*trackServer\).wg counts`
		work()
		if !s.release(keep) {
			return
		}
		s.wg.Done()
	}()
	s.wg.Wait()
}
