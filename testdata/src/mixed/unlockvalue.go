package mixed

import "sync"

// A helper that locks and hands back the method value that unlocks
// (return gate.Unlock, return s.locks[i].Unlock): the caller's call of it
// releases that lock.

var gate sync.Mutex

func lockGate() func() {
	gate.Lock()
	return gate.Unlock
}

// The goroutine releases the gate before it sends: it holds nothing then.
func gateReleasedFirst() {
	done := make(chan bool)
	go func() {
		unlock := lockGate()
		unlock()
		done <- true
	}()
	gate.Lock()
	gate.Unlock()
	<-done
}

var gate2 sync.Mutex

func lockGate2() func() {
	gate2.Lock()
	return gate2.Unlock
}

// The twin sends first, holding the gate its receiver takes before it
// receives.
func gateHeldAcrossSend() {
	done := make(chan bool)
	go func() {
		unlock := lockGate2()
		done <- true // want `communication deadlock: send on done while holding gate2; the receiver takes gate2 first`
		unlock()
	}()
	gate2.Lock()
	gate2.Unlock()
	<-done
}

type stripes struct{ locks [8]sync.Mutex }

func (s *stripes) lock(i int) func() {
	s.locks[i%8].Lock()
	return s.locks[i%8].Unlock
}

// Released through the element's method value before the send.
func stripeReleasedFirst(s *stripes) {
	done := make(chan bool)
	go func() {
		u := s.lock(1)
		u()
		done <- true
	}()
	s.locks[1].Lock()
	s.locks[1].Unlock()
	<-done
}
