package leak

import (
	"context"
	"errors"
)

// A deferred send behind a flag that the goroutine sets right after its
// plain send (exited := false; defer func() { if !exited { c <- err } }();
// c <- cb(); exited = true) runs only when the plain one did not: on a
// return the flag is set, so one value in all, which the buffer holds. The
// twin never sets the flag: both sends run, and the second has no room.

var errCallbackExited = errors.New("callback exited")

func runHook(ctx context.Context, cb func(context.Context) error) error {
	c := make(chan error, 1)
	go func() {
		exited := false
		defer func() {
			if !exited {
				c <- errCallbackExited
			}
		}()
		c <- cb(ctx)
		exited = true
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-c:
		return err
	}
}

func runHookUnflagged(ctx context.Context, cb func(context.Context) error) error {
	c := make(chan error, 1)
	go func() { // want `goroutine leak: send on c blocks forever: the receiver may leave by another select case`
		exited := false
		defer func() {
			if !exited {
				c <- errCallbackExited
			}
		}()
		c <- cb(ctx)
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-c:
		return err
	}
}
