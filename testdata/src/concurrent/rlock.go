package concurrent

import "sync"

// A recursive read lock with a writer the package starts beside it.

type Table struct {
	mu sync.RWMutex
	m  map[string]int
}

func (t *Table) refresh() {
	t.mu.Lock()
	t.m = map[string]int{}
	t.mu.Unlock()
}

func (t *Table) lookup(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.m[k]
}

func (t *Table) Get(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.lookup(k) // want `recursive read lock: \(\*Table\)\.mu read-locked while already read-held \(through \(\*Table\)\.lookup\); Serve runs a writer at once \(\(\*Table\)\.refresh\)$`
}

func Serve(t *Table) {
	go t.refresh()
	t.Get("k")
}

// The fixed twin: the writer runs only after the reader is done.

type Table2 struct {
	mu sync.RWMutex
	m  map[string]int
}

func (t *Table2) refresh() {
	t.mu.Lock()
	t.m = map[string]int{}
	t.mu.Unlock()
}

func (t *Table2) lookup(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.m[k]
}

func (t *Table2) Get(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.lookup(k) // want `recursive read lock: \(\*Table2\)\.mu read-locked while already read-held \(through \(\*Table2\)\.lookup\)$`
}

func Serve2(t *Table2) {
	t.Get("k")
	t.refresh()
}
