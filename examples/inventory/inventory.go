// Package inventory keeps stock counts and charges the ledger for each sale.
package inventory

import (
	"sync"

	"github.com/awaitvet/awaitvet/examples/ledger"
)

// Store holds stock.
type Store struct {
	mu     sync.RWMutex
	stock  map[string]int
	ledger *ledger.Ledger
}

// New returns a store charging l.
func New(l *ledger.Ledger) *Store { return &Store{stock: map[string]int{}, ledger: l} }

// Sell takes one item and credits the ledger, holding the store's lock: the
// store's lock, then the ledger's.
func (s *Store) Sell(item, account string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stock[item]--
	s.ledger.Credit(account, 1)
}

// Reconcile opens a ledger transaction (which leaves the ledger locked),
// then takes the store's lock: the opposite order to Sell.
func (s *Store) Reconcile(l *ledger.Ledger) {
	l.Begin()
	defer l.Commit()
	s.mu.Lock()
	s.stock["audit"] = 0
	s.mu.Unlock()
}

// Count reads the stock under a read lock, then asks itself for the total,
// which read-locks again: a writer arriving in between deadlocks both.
func (s *Store) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.stock) + s.total()
}

func (s *Store) total() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	for _, c := range s.stock {
		n += c
	}
	return n
}
