package doublelock

import "sync"

// A lock handed out by a getter is the field itself: locking it again while
// holding the field is a double lock.
type shard struct{ mu sync.Mutex }

type table struct {
	s    *shard
	rows int
}

func (t *table) lockOf() *sync.Mutex { return &t.s.mu }

func (t *table) badGetterRelock() {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	t.lockOf().Lock() // want `double lock: \(\*shard\)\.mu acquired while already held`
	t.rows++
}

// goodGetterLock takes the lock once, through the getter.
func (t *table) goodGetterLock() {
	l := t.lockOf()
	l.Lock()
	t.rows++
	l.Unlock()
}
