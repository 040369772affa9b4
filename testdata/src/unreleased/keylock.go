package unreleased

import "sync"

// keyLocks hands out one mutex per key, locked: the mutex itself is the
// result, and the caller unlocks it after a successful call. The helpers
// have a defer (the table's own lock), so their results pass through
// result slots.
type keyLocks struct {
	mu sync.Mutex
	m  map[string]*sync.Mutex
}

func (k *keyLocks) lockOK(key string) (*sync.Mutex, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	l, ok := k.m[key]
	if !ok {
		return nil, false
	}
	l.Lock()
	return l, true
}

func (k *keyLocks) lockErr(key string) (*sync.Mutex, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	l, ok := k.m[key]
	if !ok {
		return nil, errNoSeg
	}
	l.Lock()
	return l, nil
}

func (k *keyLocks) lockNil(key string) *sync.Mutex {
	k.mu.Lock()
	defer k.mu.Unlock()
	l, ok := k.m[key]
	if !ok {
		return nil
	}
	l.Lock()
	return l
}

func (k *keyLocks) goodOK(key string) {
	l, ok := k.lockOK(key)
	if !ok {
		return
	}
	defer l.Unlock()
}

func (k *keyLocks) goodErr(key string) error {
	l, err := k.lockErr(key)
	if err != nil {
		return err
	}
	defer l.Unlock()
	return nil
}

func (k *keyLocks) goodNil(key string) {
	l := k.lockNil(key)
	if l == nil {
		return
	}
	defer l.Unlock()
}

// keyLocks2's helper is the same, but no caller unlocks what it returns.
type keyLocks2 struct {
	mu sync.Mutex
	m  map[string]*sync.Mutex
}

func (k *keyLocks2) lockOK(key string) (*sync.Mutex, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	l, ok := k.m[key]
	if !ok {
		return nil, false
	}
	l.Lock()
	return l, true // want `lock not released: l is still held when this path returns and no caller unlocks it after a successful call`
}

func (k *keyLocks2) badOK(key string) bool {
	_, ok := k.lockOK(key)
	return ok
}

// keyLocks3's helper has no caller in sight (its callers, if any, reach it
// in ways the model does not see): whether they unlock is unknown.
type keyLocks3 struct {
	mu sync.Mutex
	m  map[string]*sync.Mutex
}

func (k *keyLocks3) lockOK(key string) (*sync.Mutex, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	l, ok := k.m[key]
	if !ok {
		return nil, false
	}
	l.Lock()
	return l, true
}
