package hook

import (
	"sync"
	"sync/atomic"
	"unsafe"
	"weak"
)

// An RWMutex is a sync.RWMutex that remembers its writer and, best
// effort, its readers (ID and where they locked), and registers the
// goroutines that wait for it, so that a dump can tell a reader blocked
// behind a queued writer from a writer blocked behind readers — the
// recursive-read-lock deadlock. The zero value is an unlocked mutex; it
// must not be copied after first use.
//
// Readers are named in readerSlots slots, by goroutine ID: a reader whose
// slot is taken is only counted. A read lock released by another goroutine
// than the one that took it leaves that one's name behind, so a dump may
// then name a reader that is gone.
type RWMutex struct {
	rw      sync.RWMutex
	w       holder
	readers [readerSlots]reader
	more    atomic.Int32 // readers that found no free slot
}

// readerSlots readers can be named in a dump; more are counted.
const readerSlots = 4

type reader struct {
	g  uint64
	pc uintptr
}

// Lock locks rw for writing.
//
//go:noinline
func (rw *RWMutex) Lock() {
	if !rw.rw.TryLock() {
		rw.lockSlow()
	}
	gp, pc := getgpc()
	if pathMode.Load() == fastPath {
		rw.w.store(goidOf(gp), pc)
	} else {
		rw.w.store(who(gp, pc))
	}
}

// TryLock tries to lock rw for writing.
//
//go:noinline
func (rw *RWMutex) TryLock() bool {
	if !rw.rw.TryLock() {
		return false
	}
	gp, pc := getgpc()
	rw.w.set(gp, pc)
	return true
}

// Unlock unlocks rw for writing.
func (rw *RWMutex) Unlock() {
	rw.w.store(0, 0)
	rw.rw.Unlock()
}

// RLock locks rw for reading.
//
//go:noinline
func (rw *RWMutex) RLock() {
	if !rw.rw.TryRLock() {
		rw.rlockSlow()
	}
	gp, pc := getgpc()
	if pathMode.Load() == fastPath {
		rw.addReader(goidOf(gp), pc)
	} else {
		rw.addReader(who(gp, pc))
	}
}

// TryRLock tries to lock rw for reading.
//
//go:noinline
func (rw *RWMutex) TryRLock() bool {
	if !rw.rw.TryRLock() {
		return false
	}
	gp, pc := getgpc()
	if pathMode.Load() == fastPath {
		rw.addReader(goidOf(gp), pc)
	} else {
		rw.addReader(who(gp, pc))
	}
	return true
}

// RUnlock undoes one RLock.
func (rw *RWMutex) RUnlock() {
	gp, _ := getgpc()
	if pathMode.Load() == fastPath {
		rw.removeReader(goidOf(gp))
	} else {
		rw.removeReader(currentGoid())
	}
	rw.rw.RUnlock()
}

// RLocker returns a sync.Locker whose Lock and Unlock are rw's RLock and
// RUnlock.
func (rw *RWMutex) RLocker() sync.Locker { return (*rlocker)(rw) }

type rlocker RWMutex

// Lock read-locks; it repeats RLock rather than calling it, so that the
// recorded site is the caller's.
//
//go:noinline
func (r *rlocker) Lock() {
	rw := (*RWMutex)(r)
	if !rw.rw.TryRLock() {
		rw.rlockSlow()
	}
	gp, pc := getgpc()
	if pathMode.Load() == fastPath {
		rw.addReader(goidOf(gp), pc)
	} else {
		rw.addReader(who(gp, pc))
	}
}

func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }

// lockSlow and rlockSlow register the caller as a waiter, then wait. They
// are two functions rather than one with a mode, so that a path-insensitive
// reader (awaitvet's analyzer) does not see RLock write-lock.
//
//go:noinline
func (rw *RWMutex) lockSlow() {
	id := currentGoid()
	register(id, waitEntry{rw: weak.Make(rw), at: uintptr(unsafe.Pointer(rw)), mode: "lock"})
	rw.rw.Lock()
	unregister(id)
}

//go:noinline
func (rw *RWMutex) rlockSlow() {
	id := currentGoid()
	register(id, waitEntry{rw: weak.Make(rw), at: uintptr(unsafe.Pointer(rw)), mode: "rlock"})
	rw.rw.RLock()
	unregister(id)
}

// addReader records a read lock in the slot the goroutine's ID picks,
// with plain loads and stores: an atomic read-modify-write would double
// the cost of RLock. Two readers whose IDs pick the same slot at the same
// moment may both see it free; the one whose store lands last is named,
// the other is neither named nor counted, and its RUnlock finds someone
// else's name and leaves it. A dump names readers on a best-effort basis.
func (rw *RWMutex) addReader(id uint64, pc uintptr) {
	r := &rw.readers[id%readerSlots]
	if loadWord(&r.g) == 0 {
		storeWord(&r.g, id)
		storePC(&r.pc, pc)
		return
	}
	rw.more.Add(1)
}

// removeReader forgets one read lock of goroutine id.
func (rw *RWMutex) removeReader(id uint64) {
	r := &rw.readers[id%readerSlots]
	if loadWord(&r.g) == id {
		storeWord(&r.g, 0)
		return
	}
	for {
		n := rw.more.Load()
		if n <= 0 || rw.more.CompareAndSwap(n, n-1) {
			return
		}
	}
}
