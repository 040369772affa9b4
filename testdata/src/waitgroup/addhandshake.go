package waitgroup

import "sync"

// An Add inside the goroutine it counts, made before the goroutine sends
// on a channel that only it feeds; the starter receives from it before it
// Waits: the receive returns only after the Add, so the Wait comes after
// it. In the twin the goroutine sends first and Adds after: Wait may run
// between the two.

func handshakeAddFirst() {
	var wg sync.WaitGroup
	started := make(chan struct{})
	go func() {
		wg.Add(1)
		defer wg.Done()
		started <- struct{}{}
	}()
	<-started
	wg.Wait()
}

func handshakeAddAfter() {
	var wg sync.WaitGroup
	started := make(chan struct{})
	go func() {
		started <- struct{}{}
		wg.Add(1) // want `WaitGroup.Add inside the goroutine it counts races with Wait`
		defer wg.Done()
	}()
	<-started
	wg.Wait()
}
