package abandoned

import (
	"errors"
	"time"
)

// A receiver that closes the channel on its way out turns the abandoned
// send into a panic (send on closed channel): the sender does not block
// forever, it takes the program down. The claim says so.

func fetchThenClose(url string) (string, error) {
	ch := make(chan string)
	defer close(ch)
	go func() { ch <- get(url) }() // want `goroutine panics: send on ch is left without a receiver, and then the receiver closes ch \(send on closed channel\): the receiver may leave by another select case`
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

// fetchBuffered gives the send a slot: it completes before the close.
func fetchBuffered(url string) (string, error) {
	ch := make(chan string, 1)
	defer close(ch)
	go func() { ch <- get(url) }()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

// fetchThenCloseLater closes in a deferred closure, on every path of the
// closure: the same panic.
func fetchThenCloseLater(url string) (string, error) {
	ch := make(chan string)
	defer func() {
		close(ch)
	}()
	go func() { ch <- get(url) }() // want `goroutine panics: send on ch is left without a receiver, and then the receiver closes ch \(send on closed channel\): the receiver may leave by another select case`
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

// fetchMaybeClose's deferred closure closes only when the fetch was
// served: after a timeout nothing closes, and the send blocks forever.
func fetchMaybeClose(url string) (string, error) {
	ch := make(chan string)
	served := false
	defer func() {
		if served {
			close(ch)
		}
	}()
	go func() { ch <- get(url) }() // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
	select {
	case r := <-ch:
		served = true
		return r, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

// fetchRecovered's sender recovers its panic: the late send ends the
// goroutine quietly, neither blocked forever nor crashing.
func fetchRecovered(url string) (string, error) {
	ch := make(chan string)
	defer close(ch)
	go func() {
		defer func() { _ = recover() }()
		ch <- get(url)
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}
