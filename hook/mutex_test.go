package hook

import (
	"runtime"
	"sync"
	"testing"
	"time"
	"weak"
)

// lockHere locks m and returns the line it locked on.
//
//go:noinline
func lockHere(m sync.Locker) int {
	_, _, line, _ := runtime.Caller(0)
	m.Lock()
	return line + 1
}

func checkHolder(t *testing.T, what string, g uint64, pc uintptr, wantG uint64, wantLine int) {
	t.Helper()
	h := holderOf(g, pc)
	if h == nil {
		t.Fatalf("%s: no holder recorded", what)
	}
	if h.G != wantG || h.Line != wantLine || h.Func != selfPkg+".lockHere" {
		t.Errorf("%s: holder %+v, want goroutine %d at line %d in lockHere", what, *h, wantG, wantLine)
	}
}

func TestCalibration(t *testing.T) {
	fast()
	if haveGetg && pathMode.Load() != fastPath {
		t.Fatalf("the fast path did not calibrate on amd64 (mode %d)", pathMode.Load())
	}
	if got, want := currentGoid(), CurrentID(); got != want {
		t.Errorf("currentGoid %d, CurrentID %d", got, want)
	}
}

func TestMutexHolder(t *testing.T) {
	var m Mutex
	line := lockHere(&m)
	g, pc := m.h.load()
	checkHolder(t, "Lock", g, pc, CurrentID(), line)
	m.Unlock()
	if g, _ := m.h.load(); g != 0 {
		t.Errorf("holder %d after Unlock", g)
	}
	if !m.TryLock() || m.TryLock() {
		t.Error("TryLock")
	}
	if g, _ := m.h.load(); g != CurrentID() {
		t.Errorf("TryLock recorded %d", g)
	}
	m.Unlock()

	// In another goroutine, the holder is that goroutine.
	done := make(chan uint64)
	go func() {
		lockHere(&m)
		done <- CurrentID()
	}()
	id := <-done
	g, pc = m.h.load()
	checkHolder(t, "other goroutine", g, pc, id, line)
	m.Unlock() // unlocking another goroutine's lock is allowed, as with sync
}

// The slow path (other architectures, or a failed calibration) records the
// same thing.
func TestMutexSlowPath(t *testing.T) {
	fast()
	saved := pathMode.Load()
	pathMode.Store(slowPath)
	defer pathMode.Store(saved)
	var m Mutex
	line := lockHere(&m)
	g, pc := m.h.load()
	checkHolder(t, "slow Lock", g, pc, CurrentID(), line)
	m.Unlock()
	var rw RWMutex
	line = lockHere(rw.RLocker())
	r := &rw.readers[CurrentID()%readerSlots]
	checkHolder(t, "slow RLock", loadWord(&r.g), loadPC(&r.pc), CurrentID(), line)
	rw.RUnlock()
}

func TestRWMutexHolders(t *testing.T) {
	var rw RWMutex
	line := lockHere(&rw)
	g, pc := rw.w.load()
	checkHolder(t, "Lock", g, pc, CurrentID(), line)
	rw.Unlock()

	// Six readers in six goroutines: at most four named, the others
	// counted.
	var wg sync.WaitGroup
	release := make(chan struct{})
	ids := make(chan uint64, 6)
	for range 6 {
		wg.Go(func() {
			rw.RLock()
			ids <- CurrentID()
			<-release
			rw.RUnlock()
		})
	}
	want := make(map[uint64]bool)
	for range 6 {
		want[<-ids] = true
	}
	named := 0
	for i := range rw.readers {
		if g := loadWord(&rw.readers[i].g); g != 0 {
			named++
			if !want[g] {
				t.Errorf("slot %d names goroutine %d, not a reader", i, g)
			}
		}
	}
	if named == 0 || named+int(rw.more.Load()) != 6 {
		t.Errorf("%d named readers, %d more; want 6 in all", named, rw.more.Load())
	}
	if rw.TryLock() {
		t.Error("TryLock succeeded while read-locked")
	}
	close(release)
	wg.Wait()
	for i := range rw.readers {
		if g := loadWord(&rw.readers[i].g); g != 0 {
			t.Errorf("slot %d still names %d", i, g)
		}
	}
	if rw.more.Load() != 0 {
		t.Errorf("%d more readers after all left", rw.more.Load())
	}

	// A recursive read lock: named once, counted once.
	rw.RLock()
	rw.RLock()
	if loadWord(&rw.readers[CurrentID()%readerSlots].g) != CurrentID() || rw.more.Load() != 1 {
		t.Errorf("recursive read lock: slots %+v, more %d", rw.readers, rw.more.Load())
	}
	rw.RUnlock()
	rw.RUnlock()
	if loadWord(&rw.readers[CurrentID()%readerSlots].g) != 0 || rw.more.Load() != 0 {
		t.Errorf("after the recursive read lock: slots %+v, more %d", rw.readers, rw.more.Load())
	}
	if !rw.TryRLock() || rw.TryLock() {
		t.Error("TryRLock, or TryLock while read-locked")
	}
	rw.RUnlock()
}

// waitFor polls until cond holds or the test times out.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func lockStateFor(id uint64) (LockState, string, bool) {
	for _, st := range lockStates() {
		for _, w := range st.Waiters {
			if w.G == id {
				return st, w.Mode, true
			}
		}
	}
	return LockState{}, "", false
}

func TestLockStates(t *testing.T) {
	var m Mutex
	line := lockHere(&m)
	waiter := make(chan uint64, 1)
	got := make(chan struct{})
	go func() {
		waiter <- CurrentID()
		m.Lock()
		close(got)
		m.Unlock()
	}()
	id := <-waiter
	var st LockState
	var mode string
	waitFor(t, "the waiter to register", func() bool {
		var ok bool
		st, mode, ok = lockStateFor(id)
		return ok
	})
	if mode != "lock" || st.Writer == nil || st.Writer.G != CurrentID() || st.Writer.Line != line {
		t.Errorf("lock state %+v (mode %s)", st, mode)
	}
	m.Unlock()
	<-got
	waitFor(t, "the waiter to unregister", func() bool { _, _, ok := lockStateFor(id); return !ok })

	// A reader queued behind a writer queued behind a reader.
	var rw RWMutex
	rw.RLock()
	writer, reader := make(chan uint64, 1), make(chan uint64, 1)
	go func() {
		writer <- CurrentID()
		rw.Lock()
		//lint:ignore SA2001 waiting for the lock is the point
		rw.Unlock()
	}()
	w := <-writer
	waitFor(t, "the writer to queue", func() bool { _, _, ok := lockStateFor(w); return ok })
	go func() {
		reader <- CurrentID()
		rw.RLock()
		//lint:ignore SA2001 waiting for the lock is the point
		rw.RUnlock()
	}()
	r := <-reader
	waitFor(t, "the reader to queue", func() bool { _, _, ok := lockStateFor(r); return ok })
	st, _, _ = lockStateFor(r)
	if st.Kind != "rwmutex" || len(st.Readers) != 1 || st.Readers[0].G != CurrentID() || len(st.Waiters) != 2 {
		t.Errorf("rwmutex state %+v", st)
	}
	rw.RUnlock()
	waitFor(t, "both to finish", func() bool {
		_, _, wq := lockStateFor(w)
		_, _, rq := lockStateFor(r)
		return !wq && !rq
	})
}

// The weak pointers of the side table do not keep a lock alive.
func TestLockStatesGone(t *testing.T) {
	registerGarbage()
	defer unregister(1 << 62)
	runtime.GC()
	for _, st := range lockStates() {
		if st.Addr == 1 {
			t.Errorf("a collected lock is still listed: %+v", st)
		}
	}
}

//go:noinline
func registerGarbage() {
	register(1<<62, waitEntry{m: weak.Make(new(Mutex)), at: 1, mode: "lock"})
}
