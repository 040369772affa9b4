package leak

import (
	"context"
	"errors"
	"time"
)

func tryOnce() (int, error) { return 0, errors.New("busy") }

// A retry loop: one attempt at a time, each ending in one result, on
// responses or on errs (never both); the loop goes round only after the
// attempt's error was received, so when the timeout wins, the one attempt
// left sends into an empty buffer.
func retryOneAtATime(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	responses := make(chan int, 1)
	errs := make(chan error, 1)
	for {
		go func() {
			r, err := tryOnce()
			if err != nil {
				errs <- err
				return
			}
			responses <- r
		}()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case r := <-responses:
			return r, nil
		case <-errs:
			continue
		}
	}
}

// The twin without buffers: the attempt left when the timeout wins blocks.
func retryUnbuffered(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	responses := make(chan int)
	errs := make(chan error)
	for {
		go func() { // want `goroutine leak: send on errs blocks forever: the receiver may leave by another select case` `goroutine leak: send on responses blocks forever: the receiver may leave by another select case`
			r, err := tryOnce()
			if err != nil {
				errs <- err
				return
			}
			responses <- r
		}()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case r := <-responses:
			return r, nil
		case <-errs:
			continue
		}
	}
}

// The twin whose attempt may report twice (a partial result, then its
// error): receiving the error leaves the response pending, one more each
// turn.
func retryTwoResults(ctx context.Context) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	responses := make(chan int, 1)
	errs := make(chan error, 1)
	for {
		go func() { // want `goroutine leak: send on responses blocks forever: the receiver may leave by another select case`
			r, err := tryOnce()
			responses <- r
			if err != nil {
				errs <- err
			}
		}()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case r := <-responses:
			return r, nil
		case <-errs:
			continue
		}
	}
}
