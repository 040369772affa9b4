package abandoned

import (
	"errors"
	"strings"
)

// The same check on both sides through a function that computes its
// result from its plain arguments alone: the goroutine sends only when
// validKey(k) is nil, and its starter receives exactly then.

var errBadKey = errors.New("bad key") // set once, when the package is initialised

func validKey(k string) error {
	if k == "" || strings.Contains(k, " ") {
		return errBadKey
	}
	return nil
}

func prefetch(k string, load func(string) string) (string, error) {
	ch := make(chan string)
	go func() {
		if validKey(k) != nil {
			return
		}
		ch <- load(k)
	}()
	if err := validKey(k); err != nil {
		return "", err
	}
	return <-ch, nil
}

// The twins: the starter checks another key, and a check that reads a
// package variable that a call may change between the two checks is no
// one value.

func prefetchOther(k, alt string, load func(string) string) (string, error) {
	ch := make(chan string)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
		if validKey(k) != nil {
			return
		}
		ch <- load(k)
	}()
	if err := validKey(alt); err != nil {
		return "", err
	}
	return <-ch, nil
}

var bannedPrefix = "tmp/"

func setBannedPrefix(p string) { bannedPrefix = p }

func allowedKey(k string) bool { return !strings.HasPrefix(k, bannedPrefix) }

func prefetchAllowed(k string, load func(string) string) (string, error) {
	ch := make(chan string)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
		if !allowedKey(k) {
			return
		}
		ch <- load(k)
	}()
	if !allowedKey(k) {
		return "", errors.New("not allowed")
	}
	return <-ch, nil
}

// A package variable a func init sets: initialisation too, done before
// any goroutine of the package runs.

var maxKeyLen int

func init() { maxKeyLen = 64 }

func shortKey(k string) bool { return len(k) <= maxKeyLen }

func prefetchShort(k string, load func(string) string) (string, error) {
	ch := make(chan string)
	go func() {
		if !shortKey(k) {
			return
		}
		ch <- load(k)
	}()
	if !shortKey(k) {
		return "", errors.New("key too long")
	}
	return <-ch, nil
}

// Its twin: a goroutine the func init starts changes the variable after
// initialisation.

var maxValLen int

func init() {
	maxValLen = 64
	go func() { maxValLen = 8 }()
}

func shortVal(v string) bool { return len(v) <= maxValLen }

func prefetchVal(v string, load func(string) string) (string, error) {
	ch := make(chan string)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
		if !shortVal(v) {
			return
		}
		ch <- load(v)
	}()
	if !shortVal(v) {
		return "", errors.New("value too long")
	}
	return <-ch, nil
}
