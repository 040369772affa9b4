package doublelock

import "sync"

// An Unlock of a lock that is not held under its name may release one that
// is held under another: a lock of its class held here, or, when the lock
// has no class or no name the caller can bind (an element of a slice of
// locks), any lock held. Nothing is then claimed to be still held.

type unnamedNode struct {
	mu     sync.Mutex
	parent *unnamedNode
	n      int
}

func (u *unnamedNode) flush() {
	u.mu.Lock()
	u.n = 0
	u.mu.Unlock()
}

// The root is its own parent: the Unlock through the parent is of u.mu.
func (u *unnamedNode) releaseThroughParent() {
	u.mu.Lock()
	u.parent.mu.Unlock()
	u.flush()
}

func unlockEach(ms ...*sync.Mutex) {
	for _, m := range ms {
		m.Unlock()
	}
}

func (u *unnamedNode) releaseAll() {
	u.mu.Lock()
	unlockEach(&u.mu)
	u.flush()
}

// The twins: a helper that takes and gives back each lock it is given
// releases none of the caller's, and the unlock of a lock of another class
// cannot be of u.mu.

type otherLock struct{ mu sync.Mutex }

func touchEach(ms ...*sync.Mutex) {
	for _, m := range ms {
		m.Lock()
		m.Unlock()
	}
}

func (u *unnamedNode) touchOthers(o *otherLock) {
	u.mu.Lock()
	touchEach(&o.mu)
	u.flush() // want `double lock: \(\*unnamedNode\)\.mu acquired while already held \(through \(\*unnamedNode\)\.flush, which locks it on every path\)`
}

func (u *unnamedNode) releaseOther(o *otherLock) {
	u.mu.Lock()
	o.mu.Unlock()
	u.flush() // want `double lock: \(\*unnamedNode\)\.mu acquired while already held \(through \(\*unnamedNode\)\.flush\)$`
}

// A lock reached through a field that holds a pointer (or a Locker) may be
// any lock: its class names the field, not the lock. A pair that points at
// u.mu releases it, whatever class the pair's fields have.

type lockPair struct{ a, b *sync.Mutex }

func (p lockPair) Unlock() {
	p.a.Unlock()
	p.b.Unlock()
}

func (u *unnamedNode) releasePair(o *otherLock) {
	o.mu.Lock()
	u.mu.Lock()
	lockPair{&u.mu, &o.mu}.Unlock()
	u.flush()
}

type lockerOf struct{ l sync.Locker }

func (u *unnamedNode) releaseLocker() {
	u.mu.Lock()
	w := lockerOf{l: &u.mu}
	w.l.Unlock()
	u.flush()
}

// The twin releases a lock its box holds by value: a lock of another
// class, which cannot be u.mu.

type lockBox struct{ mu sync.Mutex }

func (b *lockBox) release() { b.mu.Unlock() }

func (u *unnamedNode) releaseBox(b *lockBox) {
	u.mu.Lock()
	b.mu.Lock()
	b.release()
	u.flush() // want `double lock: \(\*unnamedNode\)\.mu acquired while already held \(through \(\*unnamedNode\)\.flush, which locks it on every path\)`
}
