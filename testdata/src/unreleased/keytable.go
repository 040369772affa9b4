package unreleased

import (
	"errors"
	"sync"
)

// A keyed lock table: Lock(key) leaves the key's lock held, Unlock(key)
// looks it up again and releases it. Which lock of the table each names
// is not known, so the Unlock releases the one Lock took. Lock never
// returns an error, so the caller's error path after it is never taken.

type KeyLocker interface {
	Lock(key string) error
	Unlock(key string) error
}

type keyLock struct {
	mu      sync.Mutex
	waiters int
}

type keyTable struct {
	mu   sync.Mutex
	keys map[string]*keyLock
}

func (t *keyTable) Lock(key string) error {
	t.mu.Lock()
	l, ok := t.keys[key]
	if !ok {
		l = new(keyLock)
		t.keys[key] = l
	}
	l.waiters++
	t.mu.Unlock()
	l.mu.Lock()
	return nil
}

func (t *keyTable) Unlock(key string) error {
	t.mu.Lock()
	l, ok := t.keys[key]
	t.mu.Unlock()
	if !ok {
		return nil
	}
	l.mu.Unlock()
	return nil
}

type idem struct{ locks KeyLocker }

func (d *idem) goodThroughInterface(key string, run func() error) error {
	if err := d.locks.Lock(key); err != nil {
		return err
	}
	defer d.locks.Unlock(key)
	return run()
}

func goodDirect(t *keyTable, key string, run func() error) error {
	if err := t.Lock(key); err != nil {
		return err
	}
	defer t.Unlock(key)
	return run()
}

// badForgets unlocks only when run succeeds.
func badForgets(t *keyTable, key string, run func() error) error {
	if err := t.Lock(key); err != nil {
		return err
	}
	if err := run(); err != nil {
		return err // want `lock not released: \(\*keyLock\)\.mu is still held when this path returns`
	}
	return t.Unlock(key)
}

// A check that never fails guards nothing: its error path is not taken.
type ledger struct {
	mu sync.Mutex
	n  int
}

func (l *ledger) validate(n int) error { return nil }

func (l *ledger) check(n int) error {
	if n < 0 {
		return errors.New("negative")
	}
	return nil
}

func (l *ledger) goodAdd(n int) error {
	l.mu.Lock()
	if err := l.validate(n); err != nil {
		return err
	}
	l.n += n
	l.mu.Unlock()
	return nil
}

func (l *ledger) badAdd(n int) error {
	l.mu.Lock()
	if err := l.check(n); err != nil {
		return err // want `lock not released: \(\*ledger\)\.mu is still held when this path returns`
	}
	l.n += n
	l.mu.Unlock()
	return nil
}
