package doublelock

import (
	"iter"
	"maps"
	"slices"
	"sync"
)

// A range-over-func body is called by its iterator once per element: a
// lock it takes and leaves held on the way to the next element is taken
// again by the next call. Its defer does not release it between calls: it
// runs when the enclosing function returns.

type rowset struct {
	mu   sync.Mutex
	rows map[string]int
}

func (t *rowset) sumDeferred(keys map[string]bool) int {
	n := 0
	for k := range maps.Keys(keys) {
		t.mu.Lock() // want `double lock: \(\*rowset\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		defer t.mu.Unlock()
		n += t.rows[k]
	}
	return n
}

// The fixed twin releases the lock in each call.
func (t *rowset) sumEach(keys map[string]bool) int {
	n := 0
	for k := range maps.Keys(keys) {
		t.mu.Lock()
		n += t.rows[k]
		t.mu.Unlock()
	}
	return n
}

// A skipped element that keeps the lock: the next call takes it again
// (and when it is the last, the function returns holding it).
func (t *rowset) sumSkipping(keys []string) int {
	n := 0
	for _, k := range slices.All(keys) { // want `lock not released: \(\*rowset\)\.mu is still held when this path returns`
		t.mu.Lock() // want `double lock: \(\*rowset\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		if k == "" {
			continue
		}
		n += t.rows[k]
		t.mu.Unlock()
	}
	return n
}

// Leaving the loop with the lock held is no relock: break and return
// exits do not come back to the body, and the enclosing function releases
// it after the loop or by the body's defer.
func (t *rowset) find(keys []string, want string) int {
	for k := range slices.Values(keys) {
		t.mu.Lock()
		if k == want {
			break
		}
		t.mu.Unlock()
	}
	t.mu.Unlock()
	return 0
}

func (t *rowset) lookup(keys iter.Seq[string], want string) int {
	for k := range keys {
		t.mu.Lock()
		if k == want {
			defer t.mu.Unlock()
			return t.rows[k]
		}
		t.mu.Unlock()
	}
	return -1
}

// A closure called in the body releases by its own defer.
func (t *rowset) sumClosure(keys iter.Seq[string]) int {
	n := 0
	for k := range keys {
		func() {
			t.mu.Lock()
			defer t.mu.Unlock()
			n += t.rows[k]
		}()
	}
	return n
}
