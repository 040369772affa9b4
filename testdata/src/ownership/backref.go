package ownership

import "sync"

// A constructor whose object gets a helper object that points back at it
// (j.index = &Index{j: j}) still returns an object nobody else reaches:
// the helper is reachable from it alone. A caller that locks the fresh
// journal under its own lock orders nothing. The twin's constructor also
// registers the journal in a package-level list: it is shared from then
// on, and the order stands.

type Ledger1 struct {
	mu    sync.Mutex
	lines []string
	index *LedgerIndex1
}

type LedgerIndex1 struct{ l *Ledger1 }

func NewLedger1() *Ledger1 {
	l := &Ledger1{}
	l.index = &LedgerIndex1{l: l}
	return l
}

func (l *Ledger1) Append(s string) {
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}

type Vault1 struct {
	mu   sync.Mutex
	data []string
}

func (v *Vault1) Snapshot() *Ledger1 {
	v.mu.Lock()
	defer v.mu.Unlock()
	l := NewLedger1()
	for _, d := range v.data {
		l.Append(d)
	}
	return l
}

func (l *Ledger1) SyncTo(v *Vault1) {
	l.mu.Lock()
	defer l.mu.Unlock()
	v.mu.Lock()
	v.data = append(v.data[:0], l.lines...)
	v.mu.Unlock()
}

type Ledger2 struct {
	mu    sync.Mutex
	lines []string
	index *LedgerIndex2
}

type LedgerIndex2 struct{ l *Ledger2 }

var allLedgers2 []*LedgerIndex2

func NewLedger2() *Ledger2 {
	l := &Ledger2{}
	ix := &LedgerIndex2{l: l}
	l.index = ix
	allLedgers2 = append(allLedgers2, ix)
	return l
}

func (l *Ledger2) Append(s string) {
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}

type Vault2 struct {
	mu   sync.Mutex
	data []string
}

func (v *Vault2) Snapshot() *Ledger2 {
	v.mu.Lock()
	defer v.mu.Unlock()
	l := NewLedger2()
	for _, d := range v.data {
		l.Append(d)
	}
	return l
}

func (l *Ledger2) SyncTo(v *Vault2) {
	l.mu.Lock()
	defer l.mu.Unlock()
	v.mu.Lock() // want `lock-order cycle: \(\*Vault2\)\.mu acquired while holding \(\*Ledger2\)\.mu; \(\*Vault2\)\.Snapshot takes them in the opposite order`
	v.data = append(v.data[:0], l.lines...)
	v.mu.Unlock()
}
