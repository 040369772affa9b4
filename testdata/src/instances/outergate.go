package instances

import "sync"

// Two instances nested in both orders by goroutines one function starts,
// where the nesting helper takes an outer lock first: a local mutex the
// helper closure captures, one the helper is given as a parameter, or a
// semaphore of capacity one. Both transfers hold the same outer lock, so
// they run one at a time. The twins give each side a mutex of its own.

func goodClosureGate(a, b *Account) {
	var outer sync.Mutex
	move := func(x, y *Account) {
		outer.Lock()
		defer outer.Unlock()
		transfer(x, y, 1)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); move(a, b) }()
	go func() { defer wg.Done(); move(b, a) }()
	wg.Wait()
}

// outerTransfer nests the two accounts under the outer lock it is given.
func outerTransfer(outer *sync.Mutex, x, y *Account) {
	outer.Lock()
	defer outer.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	y.mu.Lock()
	defer y.mu.Unlock()
	x.bal, y.bal = y.bal, x.bal
}

func goodParamGate(a, b *Account) {
	var outer sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); outerTransfer(&outer, a, b) }()
	outerTransfer(&outer, b, a)
	wg.Wait()
}

func goodSemGate(a, b *Account) {
	sem := make(chan struct{}, 1)
	move := func(x, y *Account) {
		sem <- struct{}{}
		defer func() { <-sem }()
		transfer(x, y, 1)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); move(a, b) }()
	go func() { defer wg.Done(); move(b, a) }()
	wg.Wait()
}

func badParamGates(a, b *Account) {
	var one, two sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); outerTransfer(&one, a, b) }()
	outerTransfer(&two, b, a) // want `lock-order cycle: a\.mu acquired while holding b\.mu \(both \(\*Account\)\.mu\); the goroutine started at outergate\.go:63 takes them in the opposite order`
	wg.Wait()
}
