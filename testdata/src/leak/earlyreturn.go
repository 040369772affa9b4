package leak

// The reason a leak names is the one on the sender's side of the
// function: a return taken before any sender is started leaves nothing
// behind, so it is not "the receiver may return before receiving"; the
// forwarder's loop, which may send more than the one value received, is.

func forwardErrors(errs <-chan error) <-chan error {
	out := make(chan error)
	go func() {
		defer close(out)
		for err := range errs {
			if err != nil {
				out <- err
			}
		}
	}()
	return out
}

func firstErrorIfAny(n int, errs <-chan error) error {
	if n == 0 {
		return nil // no forwarder yet
	}
	return <-forwardErrors(errs) // want `goroutine leak: send on channel blocks forever: a goroutine sends in a loop, but only 1 receive\(s\) are certain`
}

func firstErrorUnlessQuick(quick bool, errs <-chan error) error {
	out := forwardErrors(errs) // want `goroutine leak: send on out blocks forever: the receiver may return before receiving`
	if quick {
		return nil // the forwarder is running
	}
	return <-out
}

// firstFatal ranges over the forwarded errors and returns at the first
// fatal one: the forwarder may still have more to send.
func firstFatal(errs <-chan error, fatal func(error) bool) error {
	out := forwardErrors(errs) // want `goroutine leak: send on out blocks forever: the receiver may return before receiving`
	for err := range out {
		if fatal(err) {
			return err
		}
	}
	return nil
}
