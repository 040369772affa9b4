package unreleased

import (
	"sync"
	"sync/atomic"
)

// A reentrant lock: Lock takes the mutex only when another request holds
// it (a request that holds it already only counts one more level), and
// never releases it; the exported Unlock releases it when the count drops
// to zero. Lock is one half of a lock API whose other half the package
// exports: the mutex is the caller's to hand back, by design.

type ReentrantLock struct {
	method  sync.Mutex
	req     sync.Mutex
	current *string
	depth   atomic.Int32
}

func (a *ReentrantLock) Lock(id *string) {
	cur := a.get()
	if cur == nil || *cur != *id {
		a.method.Lock()
		a.set(id)
		a.depth.Add(1)
	} else {
		a.depth.Add(1)
	}
}

func (a *ReentrantLock) Unlock() {
	if a.depth.Add(-1) == 0 {
		a.set(nil)
		a.method.Unlock()
	}
}

func (a *ReentrantLock) get() *string {
	a.req.Lock()
	defer a.req.Unlock()
	return a.current
}

func (a *ReentrantLock) set(id *string) {
	a.req.Lock()
	defer a.req.Unlock()
	a.current = id
}

// The twin: the same Lock, and nothing the package exports releases the
// mutex (its release is an unexported helper's, which its callers call
// with the lock held): the lock taken on one branch stays held, and no
// caller can tell.

type onceLock struct {
	method  sync.Mutex
	req     sync.Mutex
	current *string
	depth   atomic.Int32
}

func (a *onceLock) Lock(id *string) {
	cur := a.get()
	if cur == nil || *cur != *id {
		a.method.Lock()
		a.depth.Add(1)
	} else {
		a.depth.Add(1)
	}
} // want `lock not released: \(\*onceLock\)\.method is still held when this path returns: one branch before it takes it, another never does`

func (a *onceLock) release() {
	a.method.Unlock()
}

func (a *onceLock) get() *string {
	a.req.Lock()
	defer a.req.Unlock()
	return a.current
}
