package abandoned

import "time"

// A callee that waits for the answer in a select and, on its timeout
// case, waits for it again receives on every path: its summary counts the
// select's receive where the case's body runs.

func goodStopWarn(stop func() error) error {
	errc := make(chan error)
	go func() { errc <- stop() }()
	return waitSlowWarn(errc, time.Second)
}

func waitSlowWarn(errc chan error, d time.Duration) error {
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		println("stopping is taking long")
	}
	return <-errc
}

// badStopGiveUp's callee gives up on its timeout.
func badStopGiveUp(stop func() error) error {
	errc := make(chan error)
	go func() { errc <- stop() }() // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case$`
	return waitOrQuit(errc, time.Second)
}

func waitOrQuit(errc chan error, d time.Duration) error {
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return nil
	}
}
