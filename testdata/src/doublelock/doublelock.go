// Package doublelock tests the doublelock check: a sync.Mutex (or the write
// side of a sync.RWMutex, or a sync.Locker) locked again by the goroutine that
// already holds it, directly or through any depth of calls. Every badX case
// has a goodX twin of the same shape with the bug fixed, which must stay
// silent. Cases with closures and method values are in closures.go.
package doublelock

import "sync"

// Server is the receiver of most cases; flush locks s.mu, flushLocked does not.
type Server struct {
	mu sync.Mutex
	n  int
}

func (s *Server) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n = 0
}

func (s *Server) flushLocked() { s.n = 0 }

// badClose calls a method that locks s.mu while holding s.mu.
func (s *Server) badClose() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush() // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodClose calls the variant documented to run with s.mu held.
func (s *Server) goodClose() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked()
}

// badSyncFlush flushes synchronously while holding s.mu.
func (s *Server) badSyncFlush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush() // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodGoroutineFlush flushes in a new goroutine, which just waits for s.mu.
func (s *Server) goodGoroutineFlush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	go s.flush()
}

// a -> b -> c: the lock is taken three calls down.
func (s *Server) a() { s.b() }
func (s *Server) b() { s.c() }
func (s *Server) c() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}

// badDeepCall reaches s.mu.Lock through a -> b -> c.
func (s *Server) badDeepCall() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.a() // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodDeepCall makes the same call after releasing s.mu.
func (s *Server) goodDeepCall() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.a()
}

// badEarlyReturn releases s.mu only on the early-return path.
func (s *Server) badEarlyReturn(ok bool) {
	s.mu.Lock()
	if !ok {
		s.mu.Unlock()
		return
	}
	s.flush() // want `double lock: \(\*Server\)\.mu acquired while already held`
	s.mu.Unlock()
}

// goodEarlyReturn releases s.mu on both paths before flushing.
func (s *Server) goodEarlyReturn(ok bool) {
	s.mu.Lock()
	if !ok {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	s.flush()
}

// badTryLock holds s.mu after a successful TryLock and then flushes.
func (s *Server) badTryLock() {
	if !s.mu.TryLock() {
		return
	}
	defer s.mu.Unlock()
	s.flush() // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodTryLock uses the variant that expects s.mu held.
func (s *Server) goodTryLock() {
	if !s.mu.TryLock() {
		return
	}
	defer s.mu.Unlock()
	s.flushLocked()
}

// badDeferInLoop defers the Unlock to function exit, so the second
// iteration locks s.mu again.
func (s *Server) badDeferInLoop(xs []int) {
	for _, x := range xs {
		s.mu.Lock() // want `double lock: \(\*Server\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		defer s.mu.Unlock()
		s.n += x
	}
}

// goodDeferInLoop scopes each Lock/defer Unlock to a func literal.
func (s *Server) goodDeferInLoop(xs []int) {
	for _, x := range xs {
		func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.n += x
		}()
	}
}

// registryMu is a package-level mutex; register locks it.
var (
	registryMu sync.Mutex
	registry   []string
)

func register(name string) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry = append(registry, name)
}

// badPackageVar calls register while holding registryMu.
func badPackageVar(names []string) {
	registryMu.Lock()
	defer registryMu.Unlock()
	for _, n := range names {
		register(n) // want `double lock: registryMu acquired while already held`
	}
}

// goodPackageVar appends directly under the lock.
func goodPackageVar(names []string) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry = append(registry, names...)
}

// badLocalMutex locks a local mutex twice in a row.
func badLocalMutex() int {
	var mu sync.Mutex
	n := 0
	mu.Lock()
	n++
	mu.Lock() // want `double lock: mu locked again by this function while it holds it`
	n++
	mu.Unlock()
	mu.Unlock()
	return n
}

// goodLocalMutex unlocks between the two critical sections.
func goodLocalMutex() int {
	var mu sync.Mutex
	n := 0
	mu.Lock()
	n++
	mu.Unlock()
	mu.Lock()
	n++
	mu.Unlock()
	return n
}

// lockOnce locks and unlocks a sync.Locker (same parameter name as its callers).
func lockOnce(l sync.Locker) {
	l.Lock()
	l.Unlock()
}

// badLocker passes a held sync.Locker to a function that locks it.
func badLocker(l sync.Locker) {
	l.Lock()
	defer l.Unlock()
	lockOnce(l) // want `double lock: l acquired while already held`
}

// goodLocker releases the Locker before passing it on.
func goodLocker(l sync.Locker) {
	l.Lock()
	l.Unlock()
	lockOnce(l)
}

// Cache is generic; Len locks c.mu.
type Cache[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

// badGenericPut calls Len while holding c.mu.
func (c *Cache[K, V]) badGenericPut(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Len() > 100 { // want `double lock: \(\*Cache\)\.mu acquired while already held`
		clear(c.m)
	}
	c.m[k] = v
}

// goodGenericPut reads len(c.m) directly.
func (c *Cache[K, V]) goodGenericPut(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 100 {
		clear(c.m)
	}
	c.m[k] = v
}

// Counter embeds its mutex; Incr locks it through the promoted method.
type Counter struct {
	sync.Mutex
	n int
}

func (c *Counter) Incr() {
	c.Lock()
	c.n++
	c.Unlock()
}

// badEmbedded calls Incr while holding the embedded mutex.
func (c *Counter) badEmbedded() {
	c.Lock()
	defer c.Unlock()
	c.Incr() // want `double lock: \(\*Counter\)\.Mutex acquired while already held`
}

// goodEmbedded increments directly under the lock.
func (c *Counter) goodEmbedded() {
	c.Lock()
	defer c.Unlock()
	c.n++
}

// Table has an RWMutex; clear write-locks it.
type Table struct {
	rw   sync.RWMutex
	rows []string
}

func (t *Table) clear() {
	t.rw.Lock()
	t.rows = nil
	t.rw.Unlock()
}

// badRWWrite write-locks t.rw again through clear.
func (t *Table) badRWWrite() {
	t.rw.Lock()
	defer t.rw.Unlock()
	t.clear() // want `double lock: \(\*Table\)\.rw acquired while already held`
}

// goodRWWrite clears the rows inline.
func (t *Table) goodRWWrite() {
	t.rw.Lock()
	defer t.rw.Unlock()
	t.rows = nil
}

// state declares the mutex; Worker only contains a state, so the resource
// is named after state.
type state struct {
	mu sync.Mutex
	n  int
}

type Worker struct {
	st state
}

func (w *Worker) bump() {
	w.st.mu.Lock()
	w.st.n++
	w.st.mu.Unlock()
}

// badNested calls bump while holding the nested struct's mutex.
func (w *Worker) badNested() {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	w.bump() // want `double lock: \(\*state\)\.mu acquired while already held`
}

// goodNested increments the counter inline.
func (w *Worker) goodNested() {
	w.st.mu.Lock()
	defer w.st.mu.Unlock()
	w.st.n++
}

// goodHandOff uses a mutex as a signal: a goroutine it starts unlocks it,
// so the second Lock waits for the goroutine, not forever.
func goodHandOff(work func()) {
	var done sync.Mutex
	done.Lock()
	go func() {
		work()
		done.Unlock()
	}()
	done.Lock()
}

// badNoHandOff starts a goroutine that never unlocks: the second Lock waits forever.
func badNoHandOff(work func()) {
	var done sync.Mutex
	done.Lock()
	go work()
	done.Lock() // want `double lock: done locked again by this function while it holds it`
}

type node struct {
	mu     sync.Mutex
	parent *node
	done   bool
}

// goodHandOverHand locks each ancestor in turn (testing.common.destination's
// shape): a new node on every iteration, not the same lock twice.
func goodHandOverHand(n *node) *node {
	for p := n.parent; p != nil; p = p.parent {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.done {
			return p
		}
	}
	return nil
}
