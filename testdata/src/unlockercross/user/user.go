// Package user calls the unlocker another package's lock helper returns
// (defer km.WithLock(k)()): nothing here resolves that function, but it is
// the one the call that took the lock handed back, so no return is shown to
// keep the lock. The twin drops the unlocker.
package user

import (
	"errors"

	"unlockercross/lib"
)

var km = lib.New()

func store(id string) error {
	defer km.WithLock(id)()
	return nil
}

func create(id string) error {
	if id == "" {
		return errors.New("empty id")
	}
	return store(id)
}

func storeForgot(id string) error {
	km.WithLock(id)
	return nil
}

func createForgot(id string) error {
	if id == "" {
		return errors.New("empty id")
	}
	return storeForgot(id) // want `lock not released: l is still held when this path returns and no caller unlocks it after a successful call`
}

func Run() { create("x"); createForgot("x") }
