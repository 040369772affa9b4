// Package oversend: sends certain on every path outnumber every receive
// that can happen, plus the buffer.
package oversend

import (
	"errors"
	"fmt"
	"time"
)

// work sends its error and then, missing a return, its result too.
func work(ch chan error, err error) {
	if err != nil {
		ch <- err
	}
	ch <- nil
}

// workFixed returns after the error send.
func workFixed(ch chan error, err error) {
	if err != nil {
		ch <- err
		return
	}
	ch <- nil
}

// wrapped is non-nil on every return: the error it was given, tested, or
// one it makes.
func wrapped(err error, msg string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", msg, err)
	}
	return errors.New(msg)
}

func badMissingReturn() error {
	ch := make(chan error)
	go work(ch, errors.New("bad")) // want `goroutine leak: send on ch blocks forever: 2 send\(s\) happen on every path, but at most 1 receive\(s\) can`
	return <-ch
}

func badThroughWrapper(cause error) error {
	ch := make(chan error)
	go work(ch, wrapped(cause, "run")) // want `goroutine leak: send on ch blocks forever: 2 send\(s\) happen on every path, but at most 1 receive\(s\) can`
	return <-ch
}

func badTwoGoroutines() error {
	ch := make(chan error, 1)
	go work(ch, nil)
	go work(ch, errors.New("bad")) // want `goroutine leak: send on ch blocks forever: 3 send\(s\) happen on every path, but at most 1 receive\(s\) can and its buffer holds 1`
	return <-ch
}

// Fixed twin: the send after the error send is gone.
func goodReturn() error {
	ch := make(chan error)
	go workFixed(ch, errors.New("bad"))
	return <-ch
}

// Fixed twin: no error, one send.
func goodNilError() error {
	ch := make(chan error)
	go work(ch, nil)
	return <-ch
}

// Fixed twin: room in the buffer for the second send.
func goodBuffered() error {
	ch := make(chan error, 1)
	go work(ch, errors.New("bad"))
	return <-ch
}

// Fixed twin: both values received.
func goodBothReceived() (error, error) {
	ch := make(chan error)
	go work(ch, errors.New("bad"))
	return <-ch, <-ch
}

// Not certain (leak's claims, experimental, not oversend's): a select case
// may take the second value.
func goodSelectMayTake(d time.Duration) error {
	ch := make(chan error)
	go work(ch, errors.New("bad")) // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
	err := <-ch
	select {
	case <-ch:
	case <-time.After(d):
	}
	return err
}

// Not certain: the goroutine is started on some paths only.
func goodSometimes(run bool) error {
	ch := make(chan error)
	if run {
		go work(ch, errors.New("bad")) // want `goroutine leak: send on ch blocks forever: 2 send\(s\) but only 1 receive\(s\) are certain`
	}
	return <-ch
}

// Not certain: an error nobody knows decides nothing.
func goodUnknown(err error) error {
	ch := make(chan error)
	go work(ch, err) // want `goroutine leak: send on ch blocks forever: 2 send\(s\) but only 1 receive\(s\) are certain`
	return <-ch
}
