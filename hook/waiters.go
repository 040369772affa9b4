package hook

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"weak"

	"github.com/awaitvet/awaitvet/report"
)

// The side table of goroutines waiting for a Mutex or RWMutex. Only the
// slow path touches it, so it can afford a map; it is sharded by goroutine
// ID so that a convoy of waiters does not serialise on one more lock.
//
// It holds weak pointers: a strong one, from a global, would make every
// lock somebody waits for reachable, and hide a deadlock from the
// runtime's goroutineleak profile, which proves goroutines leaked by
// finding what they wait on unreachable. The waiter's own frame keeps the
// lock alive while it is in the table.

type waitEntry struct {
	m    weak.Pointer[Mutex]
	rw   weak.Pointer[RWMutex]
	at   uintptr // the lock's address, its name in a dump
	mode string  // "lock" or "rlock"
}

const waitShards = 32

var waiting [waitShards]struct {
	mu sync.Mutex
	m  map[uint64]waitEntry
	_  [48]byte // keep shards on separate cache lines
}

func register(id uint64, e waitEntry) {
	s := &waiting[id%waitShards]
	s.mu.Lock()
	if s.m == nil {
		s.m = make(map[uint64]waitEntry)
	}
	s.m[id] = e
	s.mu.Unlock()
}

func unregister(id uint64) {
	s := &waiting[id%waitShards]
	s.mu.Lock()
	delete(s.m, id)
	s.mu.Unlock()
}

// A Holder is a goroutine holding a lock and where it locked it.
type Holder struct {
	G    uint64 `json:"g"`
	Func string `json:"func,omitempty"`
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Site is "file:line", or "" when unknown.
func (h Holder) Site() string {
	if h.File == "" {
		return ""
	}
	return Frame{File: h.File, Line: h.Line}.Pos()
}

// A LockWaiter is a goroutine blocked in Lock ("lock") or RLock ("rlock").
type LockWaiter struct {
	G    uint64 `json:"g"`
	Mode string `json:"mode"`
}

// LockState is what a Mutex or RWMutex that somebody waits for knew at
// the time of a snapshot.
type LockState struct {
	Addr        uintptr         `json:"addr"`
	Kind        report.NodeKind `json:"kind"` // report.Mutex or report.RWMutex
	Writer      *Holder         `json:"writer,omitempty"`
	Readers     []Holder        `json:"readers,omitempty"`
	MoreReaders int             `json:"more_readers,omitempty"` // readers beyond the named ones
	Waiters     []LockWaiter    `json:"waiters"`
}

// lockStates reads the side table and the holders of the locks in it.
func lockStates() []LockState {
	byLock := make(map[uintptr]*LockState)
	for i := range waiting {
		s := &waiting[i]
		s.mu.Lock()
		for id, e := range s.m {
			st := byLock[e.at]
			if st == nil {
				if st = e.state(); st == nil {
					continue
				}
				byLock[e.at] = st
			}
			st.Waiters = append(st.Waiters, LockWaiter{G: id, Mode: e.mode})
		}
		s.mu.Unlock()
	}
	out := make([]LockState, 0, len(byLock))
	for _, st := range byLock {
		slices.SortFunc(st.Waiters, func(a, b LockWaiter) int { return cmp.Compare(a.G, b.G) })
		out = append(out, *st)
	}
	slices.SortFunc(out, func(a, b LockState) int { return cmp.Compare(a.Addr, b.Addr) })
	return out
}

// state reads the holders of the lock e waits for; nil if it is gone.
func (e waitEntry) state() *LockState {
	st := &LockState{Addr: e.at, Kind: report.Mutex}
	if m := e.m.Value(); m != nil {
		st.Writer = holderOf(m.h.load())
		return st
	}
	rw := e.rw.Value()
	if rw == nil {
		return nil
	}
	st.Kind = report.RWMutex
	st.Writer = holderOf(rw.w.load())
	for i := range rw.readers {
		r := &rw.readers[i]
		if h := holderOf(loadWord(&r.g), loadPC(&r.pc)); h != nil {
			st.Readers = append(st.Readers, *h)
		}
	}
	st.MoreReaders = int(rw.more.Load())
	return st
}

// holderOf resolves a recorded holder; nil when nobody holds the lock.
func holderOf(g uint64, pc uintptr) *Holder {
	if g == 0 {
		return nil
	}
	h := &Holder{G: g}
	if pc != 0 {
		f, _ := runtime.CallersFrames([]uintptr{pc}).Next()
		h.Func, h.File, h.Line = f.Function, f.File, f.Line
	}
	return h
}
