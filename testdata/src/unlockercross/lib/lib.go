// Package lib hands out per-key locks with the function that unlocks them.
package lib

import "sync"

type KeyedMutex struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func New() *KeyedMutex { return &KeyedMutex{locks: map[string]*sync.Mutex{}} }

// WithLock locks k's mutex and returns the function that unlocks it.
func (km *KeyedMutex) WithLock(k string) func() {
	km.mu.Lock()
	l, ok := km.locks[k]
	if !ok {
		l = &sync.Mutex{}
		km.locks[k] = l
	}
	km.mu.Unlock()
	l.Lock()
	return func() { l.Unlock() }
}

// Conn's Lock returns its unlock as a method value.
type Conn struct {
	mu sync.Mutex
	n  int
}

func (c *Conn) Lock() (unlock func()) {
	c.mu.Lock()
	return c.mu.Unlock
}

func (c *Conn) Send() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Freeze locks km.mu and returns the function that unlocks it; Add locks
// it too.
func (km *KeyedMutex) Freeze() (thaw func()) {
	km.mu.Lock()
	return func() { km.mu.Unlock() }
}

func (km *KeyedMutex) Add(k string) {
	km.mu.Lock()
	defer km.mu.Unlock()
	km.locks[k] = &sync.Mutex{}
}
