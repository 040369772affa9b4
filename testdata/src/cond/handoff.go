package cond

import "sync"

// A bare Wait loses no wakeup when its only signaller is a goroutine
// started while the waiter holds the Cond's lock, kept until the Wait, and
// that signals only while holding that lock: the signaller can take the
// lock only once Wait has released it. The twins start the signaller
// before taking the lock, signal without the lock, or let the lock go
// between the go statement and the Wait; each may signal first.

func ComputeHandoff(f func() int) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var result int
	mu.Lock()
	go func() {
		mu.Lock()
		result = f()
		c.Signal()
		mu.Unlock()
	}()
	c.Wait()
	r := result
	mu.Unlock()
	return r
}

func ComputeStartedFirst(f func() int) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var result int
	go func() {
		mu.Lock()
		result = f()
		c.Signal()
		mu.Unlock()
	}()
	mu.Lock()
	c.Wait() // want `Cond.Wait outside a loop: a wakeup before the Wait is lost`
	r := result
	mu.Unlock()
	return r
}

func ComputeSignalUnlocked(f func() int) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var result int
	mu.Lock()
	go func() {
		mu.Lock()
		result = f()
		mu.Unlock()
		c.Signal()
	}()
	c.Wait() // want `Cond.Wait outside a loop: a wakeup before the Wait is lost`
	r := result
	mu.Unlock()
	return r
}

func ComputeLetGo(f func() int, prepare func()) int {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var result int
	mu.Lock()
	go func() {
		mu.Lock()
		result = f()
		c.Signal()
		mu.Unlock()
	}()
	mu.Unlock()
	prepare()
	mu.Lock()
	c.Wait() // want `Cond.Wait outside a loop: a wakeup before the Wait is lost`
	r := result
	mu.Unlock()
	return r
}
