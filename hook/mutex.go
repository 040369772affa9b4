package hook

import (
	"sync"
	"unsafe"
	"weak"
)

// A Mutex is a sync.Mutex that remembers which goroutine holds it and
// where that goroutine locked it, so that a dump can say "held by
// goroutine 12 since hub.go:40" instead of leaving the reader to guess. The
// zero value is an unlocked mutex; it must not be copied after first use.
//
// The uncontended cost is a few nanoseconds over sync.Mutex on amd64 (see
// BenchmarkMutex and goid.go): nothing is recorded but the holder's ID and
// one return address, with plain stores. A goroutine that has to wait
// registers itself in a side table first, which is what lets a dump link
// it to the mutex; waiting costs microseconds anyway.
type Mutex struct {
	mu sync.Mutex
	h  holder
}

// holder is who holds a lock: a goroutine ID (0: nobody) and the return
// address in the function that locked it.
type holder struct {
	g  uint64
	pc uintptr
}

// Lock locks m, as sync.Mutex.Lock does.
//
// Lock must not be inlined: getgpc reads the return address from its frame.
//
//go:noinline
func (m *Mutex) Lock() {
	if !m.mu.TryLock() {
		m.lockSlow()
	}
	gp, pc := getgpc()
	if pathMode.Load() == fastPath {
		m.h.store(goidOf(gp), pc)
	} else {
		m.h.store(who(gp, pc))
	}
}

// TryLock tries to lock m, as sync.Mutex.TryLock does.
//
//go:noinline
func (m *Mutex) TryLock() bool {
	if !m.mu.TryLock() {
		return false
	}
	gp, pc := getgpc()
	m.h.set(gp, pc)
	return true
}

// Unlock unlocks m, as sync.Mutex.Unlock does. Like sync's, it may be
// called by a goroutine other than the one that locked.
func (m *Mutex) Unlock() {
	m.h.store(0, 0)
	m.mu.Unlock()
}

//go:noinline
func (m *Mutex) lockSlow() {
	id := currentGoid()
	register(id, waitEntry{m: weak.Make(m), at: uintptr(unsafe.Pointer(m)), mode: "lock"})
	m.mu.Lock()
	unregister(id)
}

// set records the caller as the holder; Lock spells it out rather than
// calling it, to keep a call off its fast path.
func (h *holder) set(gp unsafe.Pointer, pc uintptr) {
	if pathMode.Load() == fastPath {
		h.store(goidOf(gp), pc)
		return
	}
	h.store(who(gp, pc))
}

// who is the holder's ID and site when the fast path is not (yet) known
// to work: it calibrates at first use.
//
//go:noinline
func who(gp unsafe.Pointer, pc uintptr) (uint64, uintptr) {
	if fast() {
		return goidOf(gp), pc
	}
	return whoSlow()
}
