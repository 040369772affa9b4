package doublelock

import (
	"sync"
	"unsafe"
)

// A locked mutex used as a binary semaphore: it is handed, as data, to a
// notifier that keeps it with a callback that unlocks it, and the second
// Lock waits until the notifier, from the goroutine that releases the
// resource, runs the callback (sqlite3_unlock_notify's shape). The
// notifier keeps its argument in memory others reach, so whoever takes it
// from there may release the lock: no double lock is claimed, with the
// argument passed as an interface or as an unsafe.Pointer. The twins hand
// it to a function that only looks at it.

type unlockNotifier struct {
	mu    sync.Mutex
	cbs   []func(any)
	args  []any
	raw   []rawWaiter
	count int
}

type rawWaiter struct {
	cb  func(unsafe.Pointer)
	arg unsafe.Pointer
}

func (n *unlockNotifier) register(cb func(any), arg any) {
	n.mu.Lock()
	n.cbs = append(n.cbs, cb)
	n.args = append(n.args, arg)
	n.mu.Unlock()
}

func (n *unlockNotifier) registerRaw(cb func(unsafe.Pointer), arg unsafe.Pointer) {
	n.mu.Lock()
	n.raw = append(n.raw, rawWaiter{cb, arg})
	n.mu.Unlock()
}

// note counts a registration and keeps nothing.
func (n *unlockNotifier) note(cb func(any), arg any) {
	n.mu.Lock()
	n.count++
	n.mu.Unlock()
}

func (n *unlockNotifier) release() {
	n.mu.Lock()
	cbs, args, raw := n.cbs, n.args, n.raw
	n.cbs, n.args, n.raw = nil, nil, nil
	n.mu.Unlock()
	for i, cb := range cbs {
		cb(args[i])
	}
	for _, w := range raw {
		w.cb(w.arg)
	}
}

func unlockArg(arg any) { arg.(*sync.Mutex).Unlock() }

type rawMutex struct{ sync.Mutex }

func unlockRaw(arg unsafe.Pointer) { (*rawMutex)(arg).Unlock() }

func waitNotified(n *unlockNotifier) {
	var mu sync.Mutex
	mu.Lock()
	n.register(unlockArg, &mu)
	mu.Lock() // waits for release to run unlockArg
	mu.Unlock()
}

func waitNotifiedRaw(n *unlockNotifier) {
	mu := unsafe.Pointer(new(rawMutex))
	(*rawMutex)(mu).Lock()
	n.registerRaw(unlockRaw, mu)
	(*rawMutex)(mu).Lock() // waits for release to run unlockRaw
	(*rawMutex)(mu).Unlock()
}

func waitNoted(n *unlockNotifier) {
	var mu sync.Mutex
	mu.Lock()
	n.note(unlockArg, &mu)
	mu.Lock() // want `double lock: mu locked again by this function while it holds it`
	mu.Unlock()
}

// The same through a registry kept in package variables: register keeps
// the argument there (or calls back at once when the resource is free).
var (
	notifyMu  sync.Mutex
	notifyFn  func(*sync.Mutex)
	notifyArg *sync.Mutex
	resFree   bool
)

func unlockMu(m *sync.Mutex) { m.Unlock() }

func registerGlobal(fn func(*sync.Mutex), arg *sync.Mutex) {
	notifyMu.Lock()
	if resFree {
		notifyMu.Unlock()
		fn(arg)
		return
	}
	notifyFn, notifyArg = fn, arg
	notifyMu.Unlock()
}

func releaseGlobal() {
	notifyMu.Lock()
	resFree = true
	fn, arg := notifyFn, notifyArg
	notifyFn, notifyArg = nil, nil
	notifyMu.Unlock()
	if arg != nil {
		fn(arg)
	}
}

func waitGlobal() {
	m := new(sync.Mutex)
	m.Lock()
	registerGlobal(unlockMu, m)
	m.Lock() // unlocked by unlockMu, from releaseGlobal's goroutine or at once
	m.Unlock()
}
