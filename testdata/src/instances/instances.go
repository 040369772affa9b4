// Package instances tests lock-order cycles between two instances of one
// lock class: Transfer(from, to) locks from.mu then to.mu, and two
// goroutines calling it with the same two accounts in opposite orders
// deadlock. Each badX case uses its own accounts; each goodX twin must stay
// silent: a total order imposed by comparing IDs, an outer lock around the
// nesting, one order only, the two orders one after the other, orders on
// exclusive branches, read locks, and accounts no other goroutine can reach.
package instances

import "sync"

type Account struct {
	mu  sync.Mutex
	id  int
	bal int
}

// transfer nests two Accounts in the order its arguments give.
func transfer(from, to *Account, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.bal -= n
	to.bal += n
}

// --- two goroutines, package-level accounts ---

var a1, b1 Account

func badGlobals() {
	go transfer(&a1, &b1, 1)
	go transfer(&b1, &a1, 1) // want `lock-order cycle: a1\.mu acquired while holding b1\.mu \(both \(\*Account\)\.mu\); the goroutine started at instances\.go:33 takes them in the opposite order`
}

// --- a goroutine, then the same nesting reversed in the starting one ---

var a2, b2 Account

func badSpawnThenCall() {
	go transfer(&a2, &b2, 1)
	transfer(&b2, &a2, 1) // want `lock-order cycle: a2\.mu acquired while holding b2\.mu`
}

// --- local accounts, shared with the goroutines ---

func badLocals() {
	a := &Account{id: 1}
	b := &Account{id: 2}
	go transfer(a, b, 1)
	go transfer(b, a, 1) // want `lock-order cycle: mu of the object made at instances\.go:49 acquired while holding mu of the object made at instances\.go:50`
}

// --- through closures and a wrapper that passes its parameters on ---

var a3, b3, a4, b4 Account

func badClosures() {
	go func() { transfer(&a3, &b3, 1) }()
	go func() { transfer(&b3, &a3, 1) }() // want `lock-order cycle: a3\.mu acquired while holding b3\.mu`
}

func worker(x, y *Account) {
	for i := 0; i < 10; i++ {
		transfer(x, y, i)
	}
}

func badWorkers() {
	go worker(&a4, &b4)
	go worker(&b4, &a4) // want `lock-order cycle: a4\.mu acquired while holding b4\.mu`
}

// --- a method: the receiver and a parameter ---

var a5, b5 Account

func (a *Account) pay(to *Account, n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	to.mu.Lock()
	to.bal += n
	to.mu.Unlock()
}

func badMethod() {
	go a5.pay(&b5, 1)
	go b5.pay(&a5, 1) // want `lock-order cycle: a5\.mu acquired while holding b5\.mu`
}

// --- fixed twins ---

// orderedTransfer imposes a total order: the lower ID first.
func orderedTransfer(from, to *Account, n int) {
	if from.id < to.id {
		from.mu.Lock()
		defer from.mu.Unlock()
		to.mu.Lock()
		defer to.mu.Unlock()
	} else {
		to.mu.Lock()
		defer to.mu.Unlock()
		from.mu.Lock()
		defer from.mu.Unlock()
	}
	from.bal -= n
	to.bal += n
}

var g1, h1 Account

func goodOrdered() {
	go orderedTransfer(&g1, &h1, 1)
	go orderedTransfer(&h1, &g1, 1)
}

// sortedTransfer picks the first lock by comparing IDs, then locks through
// the chosen values.
func sortedTransfer(from, to *Account, n int) {
	first, second := from, to
	if to.id < from.id {
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	from.bal -= n
	to.bal += n
}

var g2, h2 Account

func goodSorted() {
	go sortedTransfer(&g2, &h2, 1)
	go sortedTransfer(&h2, &g2, 1)
}

// bankMu serialises every gated transfer: no two nestings interleave.
var bankMu sync.Mutex

func gatedTransfer(from, to *Account) {
	bankMu.Lock()
	defer bankMu.Unlock()
	transfer(from, to, 1)
}

var g3, h3 Account

func goodGated() {
	go gatedTransfer(&g3, &h3)
	go gatedTransfer(&h3, &g3)
}

// Only one order is ever taken.
var g4, h4, i4, j4 Account

func goodOneOrder() {
	go transfer(&g4, &h4, 1)
	go transfer(&g4, &h4, 2)
	go transfer(&i4, &j4, 1)
	transfer(&g4, &h4, 3)
}

// The two orders run one after the other in one goroutine, the second
// before the goroutine that takes the first is started.
var g5, h5 Account

func goodSequential() {
	transfer(&g5, &h5, 1)
	transfer(&h5, &g5, 1)
	go transfer(&g5, &h5, 1)
}

// The goroutine that takes the first order is waited for (its deferred
// Done, or its deferred close) before the second order is taken.
var g7, h7, g8, h8, g9, h9 Account

func goodJoinedWait() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		transfer(&g7, &h7, 1)
	}()
	wg.Wait()
	transfer(&h7, &g7, 1)
}

func goodJoinedClose() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		transfer(&g8, &h8, 1)
	}()
	<-done
	go transfer(&h8, &g8, 1)
}

// Waited for only after the second order: both may run at once.
func badJoinedLate() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		transfer(&g9, &h9, 1)
	}()
	transfer(&h9, &g9, 1) // want `lock-order cycle: g9\.mu acquired while holding h9\.mu`
	wg.Wait()
}

// Two accounts made on one line are told apart by their columns.
func badOneLine() {
	a, b := &Account{id: 1}, &Account{id: 2}
	go transfer(a, b, 1)
	transfer(b, a, 1) // want `lock-order cycle: mu of the object made at instances\.go:\d+:18 acquired while holding mu of the object made at instances\.go:\d+:35`
}

// The two orders are taken on exclusive branches.
var g6, h6 Account

func goodBranches(back bool) {
	if back {
		go transfer(&h6, &g6, 1)
	} else {
		go transfer(&g6, &h6, 1)
	}
}

// Each goroutine transfers between accounts of its own, which no other
// goroutine can reach.
func goodFresh() {
	for i := 0; i < 2; i++ {
		go func() {
			a, b := &Account{}, &Account{}
			transfer(a, b, 1)
			transfer(b, a, 1)
		}()
	}
}

// Read locks do not exclude each other.
type Ledger struct {
	mu   sync.RWMutex
	sums []int
}

func readBoth(x, y *Ledger) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	y.mu.RLock()
	defer y.mu.RUnlock()
	return len(x.sums) + len(y.sums)
}

var l1, l2 Ledger

func goodReaders() {
	go readBoth(&l1, &l2)
	go readBoth(&l2, &l1)
}
