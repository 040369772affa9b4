package mixed

import "sync"

// Unlock closures handed back by a lock helper of this package, and locks
// taken before the goroutine that needs them starts.
//
// - slotLock returns a closure over its receiver (captured through a cell):
//   calling it releases the caller's s.mu, whatever object s is, a local
//   one included. The twin receives before it unlocks.
// - a handle keeps that closure in a field set once where it is made, and
//   its Close calls it: the same release. The twin closes after receiving.
// - lockedPair takes g.mu (through a helper) before it starts the goroutine
//   that locks g.mu and sends: that acquisition cannot wait for a goroutine
//   that does not exist yet, and the function releases the lock before it
//   receives. The twin takes the lock again after starting the goroutine
//   and receives holding it, while the goroutine needs it to send.

type slot struct {
	mu sync.Mutex
	n  int
}

func (s *slot) lockSlot() func() {
	s.mu.Lock()
	return func() { s.mu.Unlock() }
}

func closureUnlocked() {
	s := &slot{}
	unlock := s.lockSlot()
	done := make(chan struct{})
	go func() {
		s.mu.Lock()
		s.n++
		s.mu.Unlock()
		done <- struct{}{}
	}()
	unlock()
	<-done
}

func closureUnlockedLate() {
	s := &slot{}
	unlock := s.lockSlot()
	done := make(chan struct{})
	go func() {
		s.mu.Lock()
		s.n++
		s.mu.Unlock()
		done <- struct{}{}
	}()
	<-done // want `communication deadlock: receive from done while holding \(\*slot\)\.mu; the sender takes \(\*slot\)\.mu first; closureUnlockedLate runs both at once`
	unlock()
}

type slotHandle struct {
	unlock func()
}

func (h *slotHandle) Close() { h.unlock() }

func handleClosed() {
	s := &slot{}
	h := &slotHandle{unlock: s.lockSlot()}
	done := make(chan struct{})
	go func() {
		s.mu.Lock()
		s.n++
		s.mu.Unlock()
		done <- struct{}{}
	}()
	h.Close()
	<-done
}

func handleClosedLate() {
	s := &slot{}
	h := &slotHandle{unlock: s.lockSlot()}
	done := make(chan struct{})
	go func() {
		s.mu.Lock()
		s.n++
		s.mu.Unlock()
		done <- struct{}{}
	}()
	<-done // want `communication deadlock: receive from done while holding \(\*slot\)\.mu; the sender takes \(\*slot\)\.mu first; handleClosedLate runs both at once`
	h.Close()
}

func lockedPair(g *slot) int {
	unlock := g.lockSlot()
	g.n++
	res := make(chan int)
	go func() {
		u := g.lockSlot()
		defer u()
		res <- g.n
	}()
	unlock()
	return <-res
}

func lockedPairAgain(g *slot) int {
	unlock := g.lockSlot()
	g.n++
	res := make(chan int)
	go func() {
		u := g.lockSlot()
		defer u()
		res <- g.n
	}()
	unlock()
	g.mu.Lock()
	defer g.mu.Unlock()
	return <-res // want `communication deadlock: receive from res while holding \(\*slot\)\.mu; the sender takes \(\*slot\)\.mu first; lockedPairAgain runs both at once`
}
