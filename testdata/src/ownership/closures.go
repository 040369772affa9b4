package ownership

import (
	"errors"
	"sync"
)

// --- an unlock closure shared between closures ---

type Tx struct {
	mu   sync.Mutex
	done bool
}

// commit calls rollback directly on one path and through fail on another.
func (t *Tx) commit(ok, bad bool) error {
	t.mu.Lock()
	rollback := func() {
		t.done = false
		t.mu.Unlock()
	}
	fail := func(err error) error {
		rollback()
		return err
	}
	if bad {
		return fail(errors.New("bad"))
	}
	if !ok {
		rollback()
		return nil
	}
	t.done = true
	t.mu.Unlock()
	return nil
}

// badCommit's fail path forgets to roll back.
func (t *Tx) badCommit(ok, bad bool) error {
	t.mu.Lock()
	rollback := func() {
		t.done = false
		t.mu.Unlock()
	}
	fail := func(err error) error {
		return err
	}
	if bad {
		return fail(errors.New("bad")) // want `lock not released: \(\*Tx\)\.mu is still held when this path returns`
	}
	if !ok {
		rollback()
		return nil
	}
	t.done = true
	t.mu.Unlock()
	return nil
}

// --- a lock handed to the caller with the returned object ---

type Slot struct {
	sync.Mutex
	v int
}

type Registry struct {
	slots map[string]*Slot
}

// lockFor returns the slot locked, or nil and an error with nothing held.
func (r *Registry) lockFor(k string) (*Slot, error) {
	s, ok := r.slots[k]
	if !ok {
		return nil, errors.New("missing")
	}
	s.Lock()
	return s, nil
}

// set unlocks what lockFor locked.
func (r *Registry) set(k string, v int) error {
	s, err := r.lockFor(k)
	if err != nil {
		return err
	}
	defer s.Unlock()
	s.v = v
	return nil
}

// badSet locks the slot again while lockFor's lock is still held.
func (r *Registry) badSet(k string, v int) error {
	s, err := r.lockFor(k)
	if err != nil {
		return err
	}
	s.Lock() // want `double lock`
	defer s.Unlock()
	s.v = v
	return nil
}

// badForget never unlocks what lockFor handed it on success.
func (r *Registry) badForget(k string, v int) error {
	s, err := r.lockFor(k)
	if err != nil {
		return err
	}
	s.v = v
	return nil // want `lock not released: \(\*Slot\)\.Mutex is still held when this path returns`
}

// lockedOrNil reports success by the object alone: nil means nothing held.
func (r *Registry) lockedOrNil(k string) *Slot {
	s, ok := r.slots[k]
	if !ok {
		return nil
	}
	s.Lock()
	return s
}

// get tests the object and unlocks it.
func (r *Registry) get(k string) int {
	s := r.lockedOrNil(k)
	if s == nil {
		return 0
	}
	defer s.Unlock()
	return s.v
}
