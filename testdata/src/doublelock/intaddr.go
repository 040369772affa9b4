package doublelock

import (
	"sync"
	"unsafe"
)

// Go translated from C keeps objects at addresses held as integers: the
// semaphore's mutex is reached as (*semMutex)(unsafe.Pointer(mu)) and handed
// to the notifier as the integer mu, which stores it in memory it too
// reaches through an integer (a field of the connection at address db).
// Whoever reads that memory may release the lock, so the second Lock is
// not claimed to find it held. The twin hands the integer to a function
// that only compares it.

type semMutex struct{ sync.Mutex }

type cConn struct {
	notifyFn  func(uintptr)
	notifyArg uintptr
}

var semLive []*semMutex // keeps the allocations reachable for the collector

func semAlloc() uintptr {
	m := new(semMutex)
	semLive = append(semLive, m)
	return uintptr(unsafe.Pointer(m))
}

func cUnlockNotify(db uintptr, fn func(uintptr), arg uintptr) {
	(*cConn)(unsafe.Pointer(db)).notifyFn = fn
	(*cConn)(unsafe.Pointer(db)).notifyArg = arg
}

func cIsWaiting(db uintptr, arg uintptr) bool {
	return (*cConn)(unsafe.Pointer(db)).notifyArg == arg
}

func cFire(db uintptr) {
	c := (*cConn)(unsafe.Pointer(db))
	c.notifyFn(c.notifyArg)
}

func cWake(arg uintptr) { (*semMutex)(unsafe.Pointer(arg)).Unlock() }

func cWaitNotified(db uintptr) {
	mu := semAlloc()
	m := (*semMutex)(unsafe.Pointer(mu))
	m.Lock()
	cUnlockNotify(db, cWake, mu)
	go cFire(db)
	m.Lock() // waits for cWake
	m.Unlock()
}

func cWaitCompared(db uintptr) bool {
	mu := semAlloc()
	m := (*semMutex)(unsafe.Pointer(mu))
	m.Lock()
	waiting := cIsWaiting(db, mu)
	m.Lock() // want `double lock`
	m.Unlock()
	return waiting
}
