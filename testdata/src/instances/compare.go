package instances

import "cmp"

// A switch on cmp.Compare of the two accounts' keys is a total order too:
// each case nests them one way, and equal keys return. The twin switches
// on something else (the amount), which orders nothing.

type NamedAccount struct {
	Account
	name string
}

func compareTransfer(from, to *NamedAccount, n int) {
	switch cmp.Compare(from.name, to.name) {
	case 0:
		return
	case -1:
		from.mu.Lock()
		to.mu.Lock()
	default:
		to.mu.Lock()
		from.mu.Lock()
	}
	from.bal -= n
	to.bal += n
	from.mu.Unlock()
	to.mu.Unlock()
}

var gc1, hc1 NamedAccount

func goodCompared() {
	go compareTransfer(&gc1, &hc1, 1)
	compareTransfer(&hc1, &gc1, 1)
}

func amountTransfer(from, to *NamedAccount, n int) {
	switch cmp.Compare(n, 0) {
	case 0:
		return
	default:
		from.mu.Lock()
		to.mu.Lock()
	}
	from.bal -= n
	to.bal += n
	from.mu.Unlock()
	to.mu.Unlock()
}

var gc2, hc2 NamedAccount

func badAmountCompared() {
	go amountTransfer(&gc2, &hc2, 1)
	amountTransfer(&hc2, &gc2, 1) // want `lock-order cycle: gc2\.Account\.mu acquired while holding hc2\.Account\.mu`
}

// An ordering predicate (a function whose one return compares values read
// from two of its parameters) orders what it is called with: branching on
// from.before(to) is branching on from.id < to.id. The twin branches on a
// predicate of one account alone, which orders nothing.

func (a *Account) before(b *Account) bool { return a.id < b.id }

func (a *Account) rich() bool { return a.bal > 100 }

func predicateTransfer(from, to *Account, n int) {
	if from.before(to) {
		from.mu.Lock()
		to.mu.Lock()
	} else {
		to.mu.Lock()
		from.mu.Lock()
	}
	from.bal -= n
	to.bal += n
	from.mu.Unlock()
	to.mu.Unlock()
}

var gp1, hp1 Account

func goodPredicate() {
	go predicateTransfer(&gp1, &hp1, 1)
	predicateTransfer(&hp1, &gp1, 1)
}

func richTransfer(from, to *Account, n int) {
	if from.rich() {
		from.mu.Lock()
		to.mu.Lock()
	} else {
		from.mu.Lock()
		to.mu.Lock()
	}
	from.bal -= n
	to.bal += n
	from.mu.Unlock()
	to.mu.Unlock()
}

var gp2, hp2 Account

func badRichPredicate() {
	go richTransfer(&gp2, &hp2, 1)
	richTransfer(&hp2, &gp2, 1) // want `lock-order cycle: gp2\.mu acquired while holding hp2\.mu`
}
