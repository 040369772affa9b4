package instances

import "sync"

// Two parameters of one function, nested in both orders by goroutines it
// starts together: the accounts it is handed deadlock whenever they are
// two (and each transfer locks one twice when they are one). The twins
// wait for the first goroutine before starting the second, or order the
// nesting by ID.

func badParams(a, b *Account) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); transfer(a, b, 1) }()
	go func() { defer wg.Done(); transfer(b, a, 1) }() // want `lock-order cycle: a\.mu acquired while holding b\.mu \(both \(\*Account\)\.mu\); the goroutine started at params\.go:14 takes them in the opposite order`
	wg.Wait()
}

func goodParamsJoined(a, b *Account) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); transfer(a, b, 1) }()
	wg.Wait()
	wg.Add(1)
	go func() { defer wg.Done(); transfer(b, a, 1) }()
	wg.Wait()
}

func goodParamsOrdered(a, b *Account) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); orderedTransfer(a, b, 1) }()
	go func() { defer wg.Done(); orderedTransfer(b, a, 1) }()
	wg.Wait()
}
