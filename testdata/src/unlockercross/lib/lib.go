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
