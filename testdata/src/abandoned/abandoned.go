// Package abandoned tests the abandoned check: a goroutine's one send on an
// unbuffered channel its starter may leave without receiving. Each buggy
// function has a fixed twin that stays silent, and the leaks that rest on
// counting (several sends, senders in a loop) stay leak's.
package abandoned

import (
	"context"
	"errors"
	"time"
)

func get(url string) string { return url }

// fetch leaves by the timer: the send on ch then waits forever.
func fetch(url string) (string, error) {
	ch := make(chan string)
	go func() { ch <- get(url) }() // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

// fetchFixed gives the one send room in the buffer.
func fetchFixed(url string) (string, error) {
	ch := make(chan string, 1)
	go func() { ch <- get(url) }()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

// fetchCtx's send selects on the context the receiver gives up on.
func fetchCtx(ctx context.Context, url string) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- get(url):
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func check(s string) error {
	if s == "" {
		return errors.New("empty")
	}
	return nil
}

// load returns on a bad argument before it receives.
func load(url string) (string, error) {
	ch := make(chan string)
	go func() { ch <- get(url) }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
	if err := check(url); err != nil {
		return "", err
	}
	return <-ch, nil
}

// loadFixed checks before it starts the goroutine.
func loadFixed(url string) (string, error) {
	if err := check(url); err != nil {
		return "", err
	}
	ch := make(chan string)
	go func() { ch <- get(url) }()
	return <-ch, nil
}

// first starts a sender per URL and takes one result: a shortfall in
// counts, leak's claim, not this check's.
func first(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- get(u) }() // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
	}
	select {
	case r := <-ch:
		return r
	case <-time.After(time.Second):
		return ""
	}
}
