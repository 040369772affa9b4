// Package upstream is the bottom of the cross-package tests (see package
// crosspkg/downstream): types whose methods lock, "returns locked" helpers
// that leave a lock held for the caller, and lock-order edges (Pool.mu ->
// Stats.mu, Bank.mu -> Ledger.mu) that only facts carry to other packages.
// Nothing here is a finding on its own, so this package has no wants.
package upstream

import "sync"

// Conn: Send locks c.mu; Acquire returns with c.mu held, Release unlocks it.
type Conn struct {
	mu sync.Mutex
	n  int
}

func (c *Conn) Send() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// SendLocked must be called with c.mu held.
func (c *Conn) SendLocked() { c.n++ }

// Acquire returns with c.mu held on every path.
func (c *Conn) Acquire() { c.mu.Lock() }

func (c *Conn) Release() { c.mu.Unlock() }

// registryMu is a package-level mutex; LockRegistry returns with it held.
var (
	registryMu sync.Mutex
	registry   []string
)

func Register(name string) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry = append(registry, name)
}

func LockRegistry()   { registryMu.Lock() }
func UnlockRegistry() { registryMu.Unlock() }

// Table: Get read-locks t.rw, Set write-locks it; View returns with t.rw
// read-held, EndView releases it.
type Table struct {
	rw sync.RWMutex
	m  map[string]string
}

func (t *Table) Get(k string) string {
	t.rw.RLock()
	defer t.rw.RUnlock()
	return t.m[k]
}

func (t *Table) Set(k, v string) {
	t.rw.Lock()
	defer t.rw.Unlock()
	t.m[k] = v
}

func (t *Table) View()    { t.rw.RLock() }
func (t *Table) EndView() { t.rw.RUnlock() }

// Stats: Add locks s.mu; Hold returns with s.mu held, Done releases it.
type Stats struct {
	mu sync.Mutex
	n  int
}

func (s *Stats) Add() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}

func (s *Stats) Hold() { s.mu.Lock() }
func (s *Stats) Done() { s.mu.Unlock() }

// Pool: Record holds p.mu while calling Stats.Add: edge Pool.mu -> Stats.mu.
type Pool struct {
	mu    sync.Mutex
	size  int
	stats *Stats
}

func (p *Pool) Record() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stats.Add()
}

func (p *Pool) Size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.size
}

// Ledger: Append locks l.mu; Hold returns with l.mu held, Done releases it.
type Ledger struct {
	mu      sync.Mutex
	entries []int
}

func (l *Ledger) Append(v int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, v)
}

func (l *Ledger) Hold() { l.mu.Lock() }
func (l *Ledger) Done() { l.mu.Unlock() }

// Bank: Post holds b.mu while appending to the ledger: edge Bank.mu -> Ledger.mu.
type Bank struct {
	mu     sync.Mutex
	bal    int
	ledger *Ledger
}

func (b *Bank) Post(v int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bal += v
	b.ledger.Append(v)
}

func (b *Bank) Balance() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.bal
}
