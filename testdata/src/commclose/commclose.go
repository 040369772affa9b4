// Package commclose: close() as the partner that ends a wait. A receive
// from a channel nothing sends on ends only when it is closed; holding a
// lock the closer needs, or waiting for one's own deferred close, never
// ends. The fixed twins stay silent.
package commclose

import "sync"

func work() {}

// The owner holds mu while it waits for done; the goroutine that closes
// done takes mu first.
func HeldWhileWaiting() {
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		mu.Lock()
		work()
		mu.Unlock()
	}()
	mu.Lock()
	<-done // want `communication deadlock: receive from done while holding mu; nothing sends on it, and the goroutine that closes it takes mu first`
	mu.Unlock()
}

// Fixed: the owner lets mu go before it waits.
func GoodHeldWhileWaiting() {
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		mu.Lock()
		work()
		mu.Unlock()
	}()
	mu.Lock()
	work()
	mu.Unlock()
	<-done
}

// Silent: the goroutine closes before it takes the lock, so the close
// does not wait for mu.
func GoodCloseFirst() {
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		close(done)
		mu.Lock()
		work()
		mu.Unlock()
	}()
	mu.Lock()
	<-done
	mu.Unlock()
}

// Silent: a send may end the wait too.
func GoodAlsoSent() {
	var mu sync.Mutex
	done := make(chan struct{}, 1)
	go func() {
		defer close(done)
		mu.Lock()
		work()
		mu.Unlock()
	}()
	go func() { done <- struct{}{} }()
	mu.Lock()
	<-done
	mu.Unlock()
}

// Waiting for one's own deferred close.
func OwnDeferredClose() {
	done := make(chan struct{})
	defer close(done)
	go work()
	<-done // want `communication deadlock: receive from done waits for its own deferred close, which runs only after the function returns`
}

// Fixed: the goroutine closes it.
func GoodOwnClose() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	<-done
}

// Silent: a helper's deferred close runs when the helper returns, before
// the receive.
func closing(ch chan struct{}) {
	defer close(ch)
	work()
}

func GoodHelperDeferredClose() {
	done := make(chan struct{})
	closing(done)
	<-done
}

// Silent: the owner that closes took the lock before it started the
// receiver, and lets it go before the deferred close; nothing waits for it.
func GoodOwnerLockedBefore() {
	var mu sync.Mutex
	done := make(chan struct{})
	defer close(done)
	mu.Lock()
	work()
	mu.Unlock()
	go func() {
		mu.Lock()
		defer mu.Unlock()
		<-done
	}()
}
