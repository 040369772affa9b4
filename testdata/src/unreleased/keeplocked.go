package unreleased

import "sync"

// A lookup that returns with the lock still held when its caller asks for
// it (keepLocked), and released otherwise: every call passes a constant,
// so each caller knows which, and the one that keeps it unlocks after.

type catalog struct {
	mu        sync.Mutex
	instances map[string]int
}

func (c *catalog) lookup(id string, keepLocked bool) (int, bool) {
	c.mu.Lock()
	v, ok := c.instances[id]
	if !keepLocked {
		c.mu.Unlock()
	}
	return v, ok
}

func (c *catalog) bump(id string) {
	v, ok := c.lookup(id, true)
	defer c.mu.Unlock()
	if ok {
		c.instances[id] = v + 1
	}
}

func (c *catalog) get(id string) int {
	v, _ := c.lookup(id, false)
	return v
}

// The twins: a caller that keeps the lock and forgets it on one path, and
// a helper a caller decides with a value only known when it runs (its
// lock may stay held when it returns).

type store struct {
	mu    sync.Mutex
	items map[string]int
}

func (r *store) find(id string, keepLocked bool) int {
	r.mu.Lock()
	v := r.items[id]
	if !keepLocked {
		r.mu.Unlock()
	}
	return v
}

func (r *store) touch(id string) bool {
	v := r.find(id, true)
	if v == 0 {
		return false // want `lock not released: \(\*store\)\.mu is still held when this path returns`
	}
	r.items[id] = v + 1
	r.mu.Unlock()
	return true
}

func (r *store) peek(id string) int {
	return r.find(id, false)
}

type keyIndex struct {
	mu   sync.Mutex
	keys map[string]bool
}

func (x *keyIndex) has(k string, keep bool) bool {
	x.mu.Lock()
	ok := x.keys[k]
	if !keep {
		x.mu.Unlock()
	}
	return ok // want `lock not released: \(\*keyIndex\)\.mu is still held when this path returns: one branch before it releases it, another does not`
}

func (x *keyIndex) check(k string, keep bool) bool {
	return x.has(k, keep)
}
