// Package bank declares Transfer, which nests two Accounts in the order of
// its arguments; package user calls it from two goroutines (facts carry the
// nesting across packages).
package bank

import "sync"

type Account struct {
	mu  sync.Mutex
	id  int
	bal int
}

// Transfer locks from, then to.
func Transfer(from, to *Account, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.bal -= n
	to.bal += n
}

// Ordered locks the account with the lower ID first.
func Ordered(from, to *Account, n int) {
	if to.id < from.id {
		from, to = to, from
		n = -n
	}
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.bal -= n
	to.bal += n
}
