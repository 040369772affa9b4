package abandoned

import (
	"log"
	"time"
)

// The receiver leaves the select by the timeout case only to end the
// process (log.Fatalf): on every path that returns it has received, so the
// sender is never left blocked.
func waitOrDie(d time.Duration) error {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		log.Fatalf("watchdog: no answer in %v", d)
	}
	return nil
}

// The twin only logs and returns: the sender is left blocked.
func waitOrLog(d time.Duration) error {
	errc := make(chan error)
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		log.Printf("watchdog: no answer in %v", d)
	}
	return nil
}

// watchdog ends the process through a func field that only this package
// sets, and only to log.Fatalf (a test would swap it for its own).
type watchdog struct {
	fatalf func(format string, args ...any)
	logf   func(format string, args ...any)
	Fatalf func(format string, args ...any)
}

func newWatchdog() *watchdog {
	return &watchdog{fatalf: log.Fatalf, logf: log.Printf, Fatalf: log.Fatalf}
}

// The timeout case calls fatalf, which holds log.Fatalf alone.
func (w *watchdog) waitOrDie(d time.Duration) error {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		w.fatalf("watchdog: no answer in %v", d)
	}
	return nil
}

// logf holds log.Printf, which returns.
func (w *watchdog) waitOrLog(d time.Duration) error {
	errc := make(chan error)
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		w.logf("watchdog: no answer in %v", d)
	}
	return nil
}

// Fatalf is exported: another package may set it to anything.
func (w *watchdog) waitOrExported(d time.Duration) error {
	errc := make(chan error)
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		w.Fatalf("watchdog: no answer in %v", d)
	}
	return nil
}

// die is set to log.Fatalf and, in quiet mode, to a function that returns.
var die = log.Fatalf

func setQuiet() { die = func(string, ...any) {} }

func waitOrMaybeDie(d time.Duration) error {
	errc := make(chan error)
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		die("watchdog: no answer in %v", d)
	}
	return nil
}

// fatal is set once, to log.Fatalf.
var fatal = log.Fatalf

func waitOrFatal(d time.Duration) error {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		fatal("watchdog: no answer in %v", d)
	}
	return nil
}
