package unreleased

import "sync"

// Merges: a lock released on one branch and kept on another, the two
// joining before the function's only return. Reported at that return (its
// closing brace), with the branch that keeps it and the one that releases
// it. The twins re-test what the branch decided, release on both sides,
// tell the caller through their result, or hand the lock to a goroutine.

type Pool struct {
	mu    sync.Mutex
	idle  map[int]int
	count int
}

// badMergeFlag releases only when asked to.
func (p *Pool) badMergeFlag(release bool) {
	p.mu.Lock()
	if release {
		p.mu.Unlock()
	}
	p.count++
} // want `lock not released: \(\*Pool\)\.mu is still held when this path returns: one branch before it releases it, another does not`

// goodMergeFlag releases on both branches.
func (p *Pool) goodMergeFlag(release bool) {
	p.mu.Lock()
	if release {
		p.mu.Unlock()
		p.count++
		return
	}
	p.count++
	p.mu.Unlock()
}

// badMergeLookup releases only when the key is idle.
func (p *Pool) badMergeLookup(k int) {
	p.mu.Lock()
	if _, ok := p.idle[k]; ok {
		delete(p.idle, k)
		p.mu.Unlock()
	}
	p.count--
} // want `lock not released: \(\*Pool\)\.mu is still held when this path returns`

// goodMergeLookup releases after the merge.
func (p *Pool) goodMergeLookup(k int) {
	p.mu.Lock()
	if _, ok := p.idle[k]; ok {
		delete(p.idle, k)
	}
	p.mu.Unlock()
	p.count--
}

// badMergeLoop releases when it breaks out of the loop, not when the loop
// runs to its end.
func (p *Pool) badMergeLoop(n int) {
	p.mu.Lock()
	for i := 0; i < n; i++ {
		if p.idle[i] > 0 {
			p.mu.Unlock()
			break
		}
	}
} // want `lock not released: \(\*Pool\)\.mu is still held when this path returns`

// goodMergeLoop releases after the loop whichever way it ends.
func (p *Pool) goodMergeLoop(n int) {
	p.mu.Lock()
	for i := 0; i < n; i++ {
		if p.idle[i] > 0 {
			break
		}
	}
	p.mu.Unlock()
}

// goodMergeRetest remembers whether it released and releases otherwise
// later: the merge alone would say "maybe held".
func (p *Pool) goodMergeRetest(k int) {
	p.mu.Lock()
	locked := true
	if _, ok := p.idle[k]; ok {
		p.mu.Unlock()
		locked = false
	}
	p.count++
	if locked {
		p.mu.Unlock()
	}
}

// goodMergeResult tells the caller whether it still holds the lock.
func (p *Pool) goodMergeResult(k int) bool {
	p.mu.Lock()
	held := true
	if _, ok := p.idle[k]; !ok {
		p.mu.Unlock()
		held = false
	}
	return held
}

func (p *Pool) useMergeResult(k int) {
	if p.goodMergeResult(k) {
		p.count++
		p.mu.Unlock()
	}
}

// goodMergeHandOff hands the kept lock to a goroutine that releases it.
func (p *Pool) goodMergeHandOff(k int) {
	p.mu.Lock()
	if _, ok := p.idle[k]; ok {
		p.mu.Unlock()
		return
	}
	go func() {
		p.count++
		p.mu.Unlock()
	}()
}

// goodMergeCapturedRelease: the branch that keeps the lock calls fail, a
// closure of the enclosing method that releases it through its own
// captured receiver, which the goroutine's frame cannot name. What the
// call releases is unknown there, so nothing is claimed.
func (p *Pool) goodMergeCapturedRelease(failed bool) {
	fail := func() {
		p.count--
		p.mu.Unlock()
	}
	go func() {
		p.mu.Lock()
		p.count++
		p.mu.Unlock()
		if failed {
			p.mu.Lock()
			fail()
		}
	}()
}

// badMergeCapturedKeep: the same shape, where the closure called on the
// kept branch releases nothing: the lock stays held.
func (p *Pool) badMergeCapturedKeep(failed bool) {
	note := func() { p.count-- }
	go func() {
		p.mu.Lock()
		p.count++
		p.mu.Unlock()
		if failed {
			p.mu.Lock()
			note()
		}
	}() // want `lock not released: \(\*Pool\)\.mu is still held when this path returns: one branch before it releases it, another does not`
}

// A conditional lock helper keyed on state its callers read as well (a
// field of the receiver's options, a package variable) returns holding the
// lock exactly when that state says so: callers pair it with an unlock
// that tests the same. Not a forgotten unlock.

type lockOptions struct{ noLock bool }

type optionalLock struct {
	mu   sync.Mutex
	opts *lockOptions
	n    int
}

func (o *optionalLock) lockIf() {
	if !o.opts.noLock {
		o.mu.Lock()
	}
}

func (o *optionalLock) unlockIf() {
	if !o.opts.noLock {
		o.mu.Unlock()
	}
}

func (o *optionalLock) incr() {
	o.lockIf()
	o.n++
	o.unlockIf()
}

var sharedMode bool

var sharedMu sync.Mutex

func lockShared() {
	if sharedMode {
		sharedMu.Lock()
	}
}

// lockWhenBusy keys its lock on a test of a value it computes itself,
// which no caller can repeat: one branch keeps the lock and the other
// never takes it, and nothing tells the caller which ran.
func (o *optionalLock) lockWhenBusy() {
	busy := o.n > 10
	if busy {
		o.mu.Lock()
	}
} // want `lock not released: \(\*optionalLock\)\.mu is still held when this path returns: one branch before it takes it, another never does`

// A function that picks which lock to hand back by a value it returns with
// the object (a transaction that records whether it writes) leaves the
// choice to whoever ends the transaction, which reads it there.

type txStore struct {
	wmu     sync.Mutex
	rmu     sync.RWMutex
	pending int
}

type txParams struct{ write bool }

type tx struct {
	db    *txStore
	write bool
}

func (db *txStore) begin(params ...txParams) *tx {
	t := &tx{db: db}
	if len(params) > 0 {
		t.write = params[0].write
	}
	if t.write {
		db.wmu.Lock()
	} else {
		db.rmu.RLock()
	}
	return t
}

func newTx(db *txStore, write bool) *tx { return &tx{db: db, write: write} }

func (db *txStore) beginWith(params ...txParams) *tx {
	write := false
	if len(params) > 0 {
		write = params[0].write
	}
	if write {
		db.wmu.Lock()
	} else {
		db.rmu.RLock()
	}
	return newTx(db, write)
}

func (db *txStore) end(t *tx) {
	if t.write {
		db.wmu.Unlock()
	} else {
		db.rmu.RUnlock()
	}
}

// The twin picks by its own state and returns a transaction that does not
// say which lock it took.
func (db *txStore) beginBlind() *tx {
	write := db.pending > 0
	if write {
		db.wmu.Lock()
	} else {
		db.rmu.RLock()
	}
	return &tx{db: db} // want `lock not released: \(\*txStore\)\.rmu is still held when this path returns: one branch before it takes it, another never does` `lock not released: \(\*txStore\)\.wmu is still held when this path returns: one branch before it takes it, another never does`
}

// Its fixed twin records the choice in the transaction.
func (db *txStore) beginTold() *tx {
	t := &tx{db: db, write: db.pending > 0}
	if t.write {
		db.wmu.Lock()
	} else {
		db.rmu.RLock()
	}
	return t
}

// A reader lock with a fast path hands back a token when the fast path
// took it and nil when the inner lock did: the token it tested is its
// result, and the caller's unlock reads it (`if t != nil { ... return }`).

type token struct{ n int }

type biasedLock struct {
	rw   sync.RWMutex
	slot *token
	bias bool
}

func (m *biasedLock) fast() *token {
	if m.bias {
		return m.slot
	}
	return nil
}

// goodTryRLock's token tells whether rw is held (nil: held).
func (m *biasedLock) goodTryRLock() (bool, *token) {
	if t := m.fast(); t != nil {
		return true, t
	}
	if m.rw.TryRLock() {
		return true, nil
	}
	return false, nil
}

// badTryRLock tests the token but hands back nil either way.
func (m *biasedLock) badTryRLock() (bool, *token) {
	if t := m.fast(); t != nil {
		return true, nil
	}
	if m.rw.TryRLock() {
		return true, nil // want `lock not released: \(\*biasedLock\)\.rw is still held when this path returns`
	}
	return false, nil
}

func (m *biasedLock) runlock(t *token) {
	if t != nil {
		return
	}
	m.rw.RUnlock()
}

func (m *biasedLock) useTryRLock() {
	if ok, t := m.goodTryRLock(); ok {
		m.runlock(t)
	}
	if ok, t := m.badTryRLock(); ok {
		m.runlock(t)
	}
}

// A pair lock takes the second lock only when the two objects differ: the
// caller passed both and can compare them too, as the unlock does.

type pairNode struct {
	mu  sync.Mutex
	val int
}

func lockPair(a, b *pairNode) {
	if a == b {
		a.mu.Lock()
	} else {
		a.mu.Lock()
		b.mu.Lock()
	}
}

func unlockPair(a, b *pairNode) {
	if a == b {
		a.mu.Unlock()
	} else {
		a.mu.Unlock()
		b.mu.Unlock()
	}
}

func swapVals(a, b *pairNode) {
	lockPair(a, b)
	a.val, b.val = b.val, a.val
	unlockPair(a, b)
}

var pairDefault = &pairNode{}

func pickPair() *pairNode { return pairDefault }

// lockPairPicked compares with what a call hands back, which the caller
// cannot repeat.
func lockPairPicked(a, b *pairNode) {
	if a == pickPair() {
		a.mu.Lock()
	} else {
		a.mu.Lock()
		b.mu.Lock()
	}
} // want `lock not released: \(\*pairNode\)\.mu is still held when this path returns: one branch before it takes it, another never does`
