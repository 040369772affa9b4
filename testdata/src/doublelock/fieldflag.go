package doublelock

import "sync"

// A method that locks only while a flag field of its receiver is unset,
// called by one that holds the lock and has just set the flag, does not
// lock: the caller's own store rules the acquisition out.

type batcher struct {
	mu      sync.Mutex
	inBatch bool
	n       int
}

func (b *batcher) add() {
	if !b.inBatch {
		b.mu.Lock()
		defer b.mu.Unlock()
	}
	b.n++
}

func (b *batcher) addMany(k int) {
	b.mu.Lock()
	b.inBatch = true
	b.add()
	b.inBatch = false
	b.mu.Unlock()
	for range k {
		b.add()
	}
}

// addManyUnflagged clears the flag before the call: add locks again.
func (b *batcher) addManyUnflagged() {
	b.mu.Lock()
	b.inBatch = false
	b.add() // want `double lock: \(\*batcher\)\.mu acquired while already held \(through \(\*batcher\)\.add\)`
	b.mu.Unlock()
}

// addForgetting holds the lock and sets no flag: add locks again.
func (b *batcher) addForgetting() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.add() // want `double lock: \(\*batcher\)\.mu acquired while already held \(through \(\*batcher\)\.add\)`
}

// The flag may guard a call that locks rather than the Lock itself: the
// test that dominates the call dominates what the callee acquires there.

func (b *batcher) count() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
}

func (b *batcher) addVia() {
	if !b.inBatch {
		b.count()
		return
	}
	b.n++
}

func (b *batcher) addManyVia() {
	b.mu.Lock()
	b.inBatch = true
	b.addVia()
	b.inBatch = false
	b.mu.Unlock()
}

// addManyViaUnflagged clears the flag before the call: count locks again.
func (b *batcher) addManyViaUnflagged() {
	b.mu.Lock()
	b.inBatch = false
	b.addVia() // want `double lock: \(\*batcher\)\.mu acquired while already held \(through \(\*batcher\)\.count\)`
	b.mu.Unlock()
}

// The flag set once before a loop of calls of a helper that only reads it
// stays set on every turn; a helper that clears it does not keep it.

func (b *batcher) addLoop(k int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.inBatch = true
	for range k {
		b.add()
	}
	b.inBatch = false
}

func (b *batcher) addAndClear() {
	if !b.inBatch {
		b.mu.Lock()
		defer b.mu.Unlock()
	}
	b.n++
	b.inBatch = false
}

func (b *batcher) addLoopClearing(k int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.inBatch = true
	for range k {
		b.addAndClear() // want `double lock: \(\*batcher\)\.mu acquired while already held \(through \(\*batcher\)\.addAndClear\)`
	}
}
