package unreleased

import (
	"errors"
	"io"
	"sync"
)

// A release the lockset cannot name, made by a call on the way (the
// deferred closure a factory returned, a lockHandle's Close through a Locker
// field), may be the release of the lock: no return is shown to keep it,
// and the function does not return holding it for its callers. The twins
// drop the unlocker or the lockHandle.

type keyedMu struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

// withLock locks k's mutex and returns the function that unlocks it.
func (km *keyedMu) withLock(k string) func() {
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

var keyedLocks = &keyedMu{locks: map[string]*sync.Mutex{}}

func storeKeyed(id string) error {
	defer keyedLocks.withLock(id)()
	return nil
}

func createKeyed(id string) error {
	if id == "" {
		return errors.New("empty id")
	}
	return storeKeyed(id)
}

func storeKeyedForgot(id string) error {
	keyedLocks.withLock(id)
	return nil
}

func createKeyedForgot(id string) error {
	if id == "" {
		return errors.New("empty id")
	}
	return storeKeyedForgot(id) // want `lock not released: l is still held when this path returns and no caller unlocks it after a successful call`
}

func runKeyed() { createKeyed("x"); createKeyedForgot("x") }

type lockSession struct{ mu sync.Mutex }

// A lockHandle releases the Locker it was given when closed.
type lockHandle struct{ m sync.Locker }

func (h *lockHandle) Close() error {
	h.m.Unlock()
	return nil
}

func (s *lockSession) acquire() io.Closer {
	s.mu.Lock()
	return &lockHandle{m: &s.mu}
}

func workClosed(s *lockSession, n int) error {
	if n == 0 {
		return errors.New("nothing to do")
	}
	h := s.acquire()
	defer h.Close()
	return nil
}

func workDropped(s *lockSession, n int) error {
	if n == 0 {
		return errors.New("nothing to do")
	}
	h := s.acquire()
	_ = h
	return nil // want `lock not released: \(\*lockSession\)\.mu is still held when this path returns and no caller unlocks it after a successful call`
}

func runSessions(s *lockSession) { workClosed(s, 1); workDropped(s, 1) }
