package instances

import "sync"

// Two goroutines started together nest two accounts in opposite orders,
// but the second begins by waiting for a channel that only the first
// feeds, after its nesting: the two orders run one after the other. The
// buggy twins feed the channel before the nesting, or do not wait.

func goodHandoffClose(a, b *Account) {
	ready := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		transfer(a, b, 1)
		close(ready)
	}()
	go func() {
		defer wg.Done()
		<-ready
		transfer(b, a, 1)
	}()
	wg.Wait()
}

func goodHandoffSend(a, b *Account) {
	token := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		transfer(a, b, 1)
		token <- struct{}{}
	}()
	go func() {
		defer wg.Done()
		<-token
		transfer(b, a, 1)
	}()
	wg.Wait()
}

func goodHandoffGo(a, b *Account) {
	ready := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		transfer(a, b, 1)
		close(ready)
	})
	wg.Go(func() {
		<-ready
		transfer(b, a, 1)
	})
	wg.Wait()
}

func badHandoffEarly(a, b *Account) {
	ready := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		close(ready)
		transfer(a, b, 1)
	}()
	go func() { // want `lock-order cycle: a\.mu acquired while holding b\.mu \(both \(\*Account\)\.mu\); the goroutine started at handoff\.go:62 takes them in the opposite order`
		defer wg.Done()
		<-ready
		transfer(b, a, 1)
	}()
	wg.Wait()
}

// Bin is a second class, nested the same way by a second function: each
// function's cycle is its own finding.
type Bin struct {
	mu    sync.Mutex
	count int
}

func move(from, to *Bin) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.count--
	to.count++
}

func badBins(a, b *Bin) {
	var wg sync.WaitGroup
	wg.Go(func() { move(a, b) })
	wg.Go(func() { move(b, a) }) // want `lock-order cycle: a\.mu acquired while holding b\.mu \(both \(\*Bin\)\.mu\); the goroutine started at handoff\.go:93 takes them in the opposite order`
	wg.Wait()
}

// The first goroutine nests the two accounts only inside a Do of a Once
// the second begins with: the second's nesting starts after the Once's
// function has ended. The twin gives each goroutine its own Once.

func goodOnceFirst(a, b *Account) {
	var once sync.Once
	var wg sync.WaitGroup
	wg.Go(func() { once.Do(func() { transfer(a, b, 1) }) })
	wg.Go(func() {
		once.Do(func() { transfer(a, b, 1) })
		transfer(b, a, 1)
	})
	wg.Wait()
}

func badTwoOnces(a, b *Account) {
	var first, second sync.Once
	var wg sync.WaitGroup
	wg.Go(func() { first.Do(func() { transfer(a, b, 1) }) })
	wg.Go(func() { // want `lock-order cycle: a\.mu acquired while holding b\.mu \(both \(\*Account\)\.mu\); the goroutine started at handoff\.go:116 takes them in the opposite order`
		second.Do(func() { transfer(a, b, 1) })
		transfer(b, a, 1)
	})
	wg.Wait()
}
