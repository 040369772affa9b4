package lockupgrade

import "sync"

// An unlock function kept in a variable that a deferred closure calls, and
// that the function points at the write lock's Unlock once it has traded
// its read lock for the write lock: the deferred call releases whichever
// lock the variable names on the way out, so the function returns with mu
// free on both paths, and the caller's second call does not find it held.
// The twin starts the variable at a function that releases nothing: the
// path that finds the key returns read-holding mu, and the caller's write
// lock waits for it.

type table struct {
	mu   sync.RWMutex
	rows map[string]int
}

func (t *table) addIfAbsent(k string) {
	t.mu.RLock()
	unlock := t.mu.RUnlock
	defer func() { unlock() }()
	if _, ok := t.rows[k]; ok {
		return
	}
	t.mu.RUnlock()
	t.mu.Lock()
	unlock = t.mu.Unlock
	if _, ok := t.rows[k]; !ok {
		t.rows[k] = len(t.rows)
	}
}

func addTwice(t *table) {
	t.addIfAbsent("a")
	t.addIfAbsent("b")
}

func (t *table) addKeepingRead(k string) {
	t.mu.RLock()
	unlock := func() {}
	defer func() { unlock() }()
	if _, ok := t.rows[k]; ok {
		return // still read-holding mu: unlock releases nothing
	}
	t.mu.RUnlock()
	t.mu.Lock()
	unlock = t.mu.Unlock
	t.rows[k] = len(t.rows)
}

func addThenWrite(t *table) {
	t.addKeepingRead("a")
	t.mu.Lock() // want `read-to-write upgrade: \(\*table\)\.mu write-locked while read-held$`
	t.rows["b"] = 1
	t.mu.Unlock()
}
