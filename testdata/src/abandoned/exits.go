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
