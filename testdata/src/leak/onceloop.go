package leak

import (
	"sync"
	"time"
)

// Every send a goroutine makes is made by one Once's function, which runs
// once in all: however many turns its loop takes, it sends once, into a
// buffer of one.

func onceInLoopIntoBuffer(n int) bool {
	ready := make(chan struct{}, 1)
	var once sync.Once
	go func() {
		for i := 0; i < n; i++ {
			if i >= 2 {
				once.Do(func() { ready <- struct{}{} })
			}
		}
	}()
	select {
	case <-ready:
		return true
	case <-time.After(time.Second):
		return false
	}
}

// The twin sends on each turn past the second.
func sendsInLoopIntoBuffer(n int) bool {
	ready := make(chan struct{}, 1)
	go func() { // want `goroutine leak: send on ready blocks forever`
		for i := 0; i < n; i++ {
			if i >= 2 {
				ready <- struct{}{}
			}
		}
	}()
	select {
	case <-ready:
		return true
	case <-time.After(time.Second):
		return false
	}
}
