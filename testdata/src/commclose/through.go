package commclose

import "sync"

// A three-party cycle through two closes and a lock: the worker holds mu
// while it waits for stop; stop is closed only by its owner's deferred
// close, which runs after the owner's receive from ready; ready is closed
// only by a goroutine that takes mu first. Whichever of the worker and the
// closer takes mu first, if it is the worker, nobody moves again.
func HeldThroughOwner() {
	var mu sync.Mutex
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		<-stop // want `communication deadlock: receive from stop while holding mu; nothing sends on it, its only close is deferred by HeldThroughOwner until after it receives from ready, and the goroutine that closes ready takes mu first`
	}()
	ready := make(chan struct{})
	go func() {
		mu.Lock()
		close(ready)
		mu.Unlock()
	}()
	<-ready
}

// Fixed: the owner closes stop before it waits for ready, so the worker
// lets mu go.
func GoodCloseBeforeWait() {
	var mu sync.Mutex
	stop := make(chan struct{})
	go func() {
		mu.Lock()
		defer mu.Unlock()
		<-stop
	}()
	ready := make(chan struct{})
	go func() {
		mu.Lock()
		close(ready)
		mu.Unlock()
	}()
	close(stop)
	<-ready
}

// Silent: ready is closed before the goroutine takes mu.
func GoodReadyFirst() {
	var mu sync.Mutex
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		<-stop
	}()
	ready := make(chan struct{})
	go func() {
		close(ready)
		mu.Lock()
		work()
		mu.Unlock()
	}()
	<-ready
}

// Silent: the owner may leave the wait for ready by another case, and
// then returns and closes stop.
func GoodReadyOrQuit(quit chan struct{}) {
	var mu sync.Mutex
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		<-stop
	}()
	ready := make(chan struct{})
	go func() {
		mu.Lock()
		close(ready)
		mu.Unlock()
	}()
	select {
	case <-ready:
	case <-quit:
	}
}

// Silent: the worker waits for stop without mu.
func GoodWorkerUnlocked() {
	var mu sync.Mutex
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		mu.Lock()
		work()
		mu.Unlock()
		<-stop
	}()
	ready := make(chan struct{})
	go func() {
		mu.Lock()
		close(ready)
		mu.Unlock()
	}()
	<-ready
}
