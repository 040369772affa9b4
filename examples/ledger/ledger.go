// Package ledger is a tiny account ledger with two lock bugs of its own; the
// inventory package adds a third that only shows up across packages.
package ledger

import "sync"

// Ledger records balances.
type Ledger struct {
	mu       sync.Mutex
	balances map[string]int
}

// New returns an empty ledger.
func New() *Ledger { return &Ledger{balances: map[string]int{}} }

// Begin starts a transaction: it returns with the ledger locked, and the
// caller must call Commit. A "returns locked" helper, which is fine.
func (l *Ledger) Begin() { l.mu.Lock() }

// Commit ends a transaction started by Begin.
func (l *Ledger) Commit() { l.mu.Unlock() }

// Credit adds n to an account.
func (l *Ledger) Credit(account string, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.balances[account] += n
}

// Balance reads an account.
func (l *Ledger) Balance(account string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.balances[account]
}

// Withdraw takes n from an account, failing if the balance is short.
func (l *Ledger) Withdraw(account string, n int) error {
	l.mu.Lock()
	if l.balances[account] < n {
		return ErrShort // bug: l.mu is still held
	}
	l.balances[account] -= n
	l.mu.Unlock()
	return nil
}

// Total sums all balances. It calls Balance, which locks l.mu again.
func (l *Ledger) Total() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	total := 0
	for account := range l.balances {
		total += l.Balance(account) // bug: double lock
	}
	return total
}

// ErrShort is returned by Withdraw.
var ErrShort = errShort{}

type errShort struct{}

func (errShort) Error() string { return "insufficient funds" }
