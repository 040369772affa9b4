package unreleased

import "sync"

// Locks nothing releases: a "returns locked" helper whose callers never
// unlock, and a package-level mutex locked and never unlocked. Reported at
// the first Lock. The twins: callers that unlock, a lock handed to a
// Cond, a lock taken on one occasion only, and a lock other packages can
// reach.

type Store struct {
	mu   sync.Mutex
	data map[string]string
}

// lockStore returns with s.mu held; nobody ever unlocks it.
func (s *Store) lockStore() {
	s.mu.Lock() // want `lock never released: \(\*Store\)\.mu is locked here and nothing in the package unlocks it; the next Lock blocks forever`
}

func (s *Store) Put(k, v string) {
	s.lockStore()
	s.data[k] = v
}

func (s *Store) Get(k string) string {
	s.lockStore()
	return s.data[k]
}

// registryMu is locked by both functions and unlocked by none.
var registryMu sync.Mutex

var registry = map[string]int{}

func register(name string) {
	registryMu.Lock() // want `lock never released: registryMu is locked here`
	registry[name]++
}

func unregister(name string) {
	registryMu.Lock()
	delete(registry, name)
}

// --- twins ---

// Journal2's helper returns locked and its callers unlock.
type Journal2 struct {
	mu      sync.Mutex
	entries []string
}

func (j *Journal2) lockJournal() { j.mu.Lock() }

func (j *Journal2) Add(e string) {
	j.lockJournal()
	j.entries = append(j.entries, e)
	j.mu.Unlock()
}

func (j *Journal2) Len() int {
	j.lockJournal()
	defer j.mu.Unlock()
	return len(j.entries)
}

// Waiter hands its mutex to a Cond, whose Wait unlocks it.
type Waiter struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
}

func newWaiter() *Waiter {
	w := &Waiter{}
	w.cond = sync.NewCond(&w.mu)
	return w
}

func (w *Waiter) lockWaiter() { w.mu.Lock() }

func (w *Waiter) A() { w.lockWaiter(); w.n++ }
func (w *Waiter) B() { w.lockWaiter(); w.n-- }

// Shutdown locks once, on one occasion only.
type Shutdown struct {
	mu   sync.Mutex
	done bool
}

func (s *Shutdown) Close() {
	s.mu.Lock()
	s.done = true
}

// Exposed's lock is exported: other packages may unlock it.
type Exposed struct {
	Mu sync.Mutex
	n  int
}

func (e *Exposed) lockExposed() { e.Mu.Lock() }

func (e *Exposed) A() { e.lockExposed(); e.n++ }
func (e *Exposed) B() { e.lockExposed(); e.n-- }

var _ = newWaiter
