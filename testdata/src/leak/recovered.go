package leak

import (
	"errors"
	"time"
)

// recover returns nil unless the function calling it is a deferred call
// run while its goroutine panics. A deferred call that sends only when
// recover returned something sends nothing after a normal return: each
// path of these goroutines sends once, and the buffer of one holds it
// whether or not the caller is still there to receive.

func step() error { return nil }

func goodRecoverSend(timeout time.Duration) error {
	ch := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- errors.New("panic")
			}
		}()
		if err := step(); err != nil {
			ch <- err
			return
		}
		ch <- step()
	}()
	select {
	case err := <-ch:
		return err
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}

// The same test in a function deferred by name, which calls recover
// itself.
func reportPanic(ch chan error) {
	if r := recover(); r == nil {
		return
	}
	ch <- errors.New("panic")
}

func goodRecoverHelper(timeout time.Duration) error {
	ch := make(chan error, 1)
	go func() {
		defer reportPanic(ch)
		ch <- step()
	}()
	select {
	case err := <-ch:
		return err
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}

// The twin's deferred call sends whatever recover returned: on a normal
// return the goroutine sends twice, and the second send blocks once the
// caller has left by its timeout.
func badDeferredSend(timeout time.Duration) error {
	ch := make(chan error, 1)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		defer func() {
			r := recover()
			_ = r
			ch <- errors.New("done")
		}()
		ch <- step()
	}()
	select {
	case err := <-ch:
		return err
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}
