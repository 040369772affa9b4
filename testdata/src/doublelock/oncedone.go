package doublelock

import "sync"

// A Once's function runs on its first Do only. A goroutine that has called
// Do on every path before it locks (itself, or through a helper that does
// so on every return) finds the Once done under the lock: the second Do
// returns at once and does not take the mutex its function takes. A Do
// reached under the lock with the Once done on only some paths before it,
// or with another object's Once done, may be the first: it locks again.

type lazyIndex struct {
	mu    sync.Mutex
	once  sync.Once
	index []string
}

func (h *lazyIndex) build() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.index = []string{"a", "b"}
}

func (h *lazyIndex) ensure() { h.once.Do(h.build) }

func (h *lazyIndex) listLocked() []string {
	h.ensure()
	return append([]string(nil), h.index...)
}

// ListGood builds the index before it locks; listLocked's Do finds it done.
func (h *lazyIndex) ListGood() []string {
	h.ensure()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.listLocked()
}

// DirectGood runs the Do itself before the Lock and again under it.
func (h *lazyIndex) DirectGood() int {
	h.once.Do(h.build)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.once.Do(h.build)
	return len(h.index)
}

// ListBad's first Do is under the lock.
func (h *lazyIndex) ListBad() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.listLocked() // want `double lock: \(\*lazyIndex\).mu acquired while already held \(through \(\*lazyIndex\).build\)`
}

// SometimesBad builds the index before the lock on one path only.
func (h *lazyIndex) SometimesBad(warm bool) []string {
	if warm {
		h.ensure()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.listLocked() // want `double lock: \(\*lazyIndex\).mu acquired while already held \(through \(\*lazyIndex\).build\)`
}

// OtherBad builds another index first.
func (h *lazyIndex) OtherBad(other *lazyIndex) []string {
	other.ensure()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.listLocked() // want `double lock: \(\*lazyIndex\).mu acquired while already held \(through \(\*lazyIndex\).build\)`
}

// A function sync.OnceFunc returns runs its function on the first call
// only: called before the Lock, the call under it does nothing.
type listenerSet struct {
	mu        sync.Mutex
	listening bool
}

func (s *listenerSet) closeListeners() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listening = false
}

func (s *listenerSet) StopGood() {
	stopAccepting := sync.OnceFunc(s.closeListeners)
	stopAccepting()
	s.mu.Lock()
	defer s.mu.Unlock()
	stopAccepting()
}

func (s *listenerSet) StopBad() {
	stopAccepting := sync.OnceFunc(s.closeListeners)
	s.mu.Lock()
	defer s.mu.Unlock()
	stopAccepting() // want `double lock: \(\*listenerSet\).mu acquired while already held`
}
