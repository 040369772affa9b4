package abandoned

import (
	"log"
	"os"
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

// The receive case has no body of its own: it joins the timeout case's
// path after the select. Every path that gets there through it has
// received; the other ends the process (through fatalf, which the SSA
// builder does not know to end it, so both paths join).
func (w *watchdog) waitOrDieEmptyCase(d time.Duration) {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	select {
	case <-errc:
	case <-time.After(d):
		w.fatalf("watchdog: no answer in %v", d)
	}
}

// The twin's timeout case only logs: it leaves without receiving.
func waitOrLogEmptyCase(d time.Duration) {
	errc := make(chan error)
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
		errc <- work()
	}()
	select {
	case <-errc:
	case <-time.After(d):
		log.Printf("watchdog: no answer in %v", d)
	}
}

// exitLogger ends the process through a closure its unexported field
// holds: the package sets that field once, to a function literal that
// calls os.Exit.
type exitLogger struct{ exit func(string) }

func (l *exitLogger) fatal(msg string) { l.exit(msg) }

var dying = &exitLogger{exit: func(msg string) { println(msg); os.Exit(1) }}

func waitOrExitLogger(d time.Duration) {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	select {
	case <-errc:
	case <-time.After(d):
		dying.fatal("watchdog: no answer")
	}
}

// The twin's closure only prints: the receiver may leave without receiving.
type talkLogger struct{ exit func(string) }

func (l *talkLogger) fatal(msg string) { l.exit(msg) }

var talking = &talkLogger{exit: func(msg string) { println(msg) }}

func waitOrTalkLogger(d time.Duration) {
	errc := make(chan error)
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
		errc <- work()
	}()
	select {
	case <-errc:
	case <-time.After(d):
		talking.fatal("watchdog: no answer")
	}
}

// A store inside a function literal the package initializer runs counts
// too: it sets fading's field to a closure that returns.
type fadeLogger struct{ exit func(string) }

func (l *fadeLogger) fatal(msg string) { l.exit(msg) }

var fading = &fadeLogger{exit: func(msg string) { println(msg); os.Exit(1) }}

var _ = func() bool {
	fading.exit = func(msg string) { println(msg) }
	return true
}()

func waitOrFadeLogger(d time.Duration) {
	errc := make(chan error)
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
		errc <- work()
	}()
	select {
	case <-errc:
	case <-time.After(d):
		fading.fatal("watchdog: no answer")
	}
}
