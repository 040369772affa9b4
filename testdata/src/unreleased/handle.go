package unreleased

import (
	"errors"
	"sync"
)

// A lock that a call leaves held together with a handle it returns (the
// handle's Close releases it) is passed on by a return that gives the
// handle, or an object holding it, to the caller; a return that drops the
// handle keeps the lock.

var simLock sync.Mutex

type simHandle struct{ closed bool }

var errBusy = errors.New("busy")

// GetSim locks simLock for the handle it returns; Close releases it.
func GetSim(ok bool) (*simHandle, error) {
	simLock.Lock()
	if !ok {
		simLock.Unlock()
		return nil, errBusy
	}
	return &simHandle{}, nil
}

func (s *simHandle) Close() {
	s.closed = true
	simLock.Unlock()
}

type wrappedSim struct {
	*simHandle
	name string
}

func checkSim(w *wrappedSim) error {
	if w.name == "" {
		return errBusy
	}
	return nil
}

// NewWrapped hands the lock on with w, except on the path that drops it.
func NewWrapped(name string) (*wrappedSim, error) {
	s, err := GetSim(true)
	if err != nil {
		return nil, err
	}
	w := &wrappedSim{simHandle: s, name: name}
	if err := checkSim(w); err != nil {
		return nil, err // want `lock not released: simLock is still held when this path returns`
	}
	return w, nil
}

// NewUnwrapped returns a new object without the handle: the lock is kept
// on that path too.
func NewUnwrapped(name string) (*wrappedSim, error) {
	s, err := GetSim(true)
	if err != nil {
		return nil, err
	}
	w := &wrappedSim{simHandle: s, name: name}
	if err := checkSim(w); err != nil {
		return nil, err // want `lock not released: simLock is still held when this path returns`
	}
	return &wrappedSim{name: w.name}, nil // want `lock not released: simLock is still held when this path returns`
}

// NewClosed releases the lock on the path that drops the handle.
func NewClosed(name string) (*wrappedSim, error) {
	s, err := GetSim(true)
	if err != nil {
		return nil, err
	}
	w := &wrappedSim{simHandle: s, name: name}
	if err := checkSim(w); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}
