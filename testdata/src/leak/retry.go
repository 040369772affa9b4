package leak

import (
	"context"
	"errors"
	"time"
)

// A retry loop starts one attempt per turn and, before the next turn,
// receives a value from the channel its attempts send on: each turn that
// goes round has taken as much as it started, so when the loop leaves (the
// context is done) at most the attempt of the last turn has a value
// pending, and the buffer holds it. Counted once per turn of the loop, not
// as "goroutines started in a loop, any number".

func attempt() error { return errors.New("busy") }

// goodRetry: the turn that goes round has received the attempt's error.
func goodRetry(ctx context.Context) error {
	errs := make(chan error, 1)
	for {
		go func() {
			errs <- attempt()
		}()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-errs:
			if err == nil {
				return nil
			}
			time.Sleep(time.Millisecond)
		}
	}
}

// badRetry: a turn that times out goes round without receiving, so the
// attempts of those turns pile up behind a buffer of one.
func badRetry(ctx context.Context) error {
	errs := make(chan error, 1)
	for {
		go func() { // want `goroutine leak: send on errs blocks forever: the receiver may leave by another select case`
			errs <- attempt()
		}()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-errs:
			if err == nil {
				return nil
			}
		case <-time.After(time.Second):
		}
	}
}
