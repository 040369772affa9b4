package leak

import "errors"

func answerWork() error {
	if compute(1) > 0 {
		return errors.New("failed")
	}
	return nil
}

func cleanup() {}

// goodAnswerAfterTimeout: the goroutine answers once, on errc or on done;
// the timeout case waits for that answer after its cleanup, so no path of
// the owner leaves either send without its receiver.
func goodAnswerAfterTimeout(timeout <-chan struct{}) error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() {
		if err := answerWork(); err != nil {
			errc <- err
			return
		}
		done <- struct{}{}
	}()
	var err error
	select {
	case <-timeout:
		cleanup()
		select {
		case err = <-errc:
		case <-done:
		}
	case err = <-errc:
	case <-done:
	}
	return err
}

// badTimeoutReturns: the timeout case returns without the answer, and the
// goroutine's send is left blocked.
func badTimeoutReturns(timeout <-chan struct{}) error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() { // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case` `goroutine leak: send on done blocks forever: the receiver may leave by another select case`
		if err := answerWork(); err != nil {
			errc <- err
			return
		}
		done <- struct{}{}
	}()
	select {
	case <-timeout:
		cleanup()
		return errors.New("timeout")
	case err := <-errc:
		return err
	case <-done:
		return nil
	}
}

// badTimeoutWaitsForOne: after the timeout the owner waits on errc alone;
// when the goroutine answers on done, both wait forever, and the send on
// done is the one left.
func badTimeoutWaitsForOne(timeout <-chan struct{}) error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() { // want `goroutine leak: send on done blocks forever: the receiver may leave by another select case`
		if err := answerWork(); err != nil {
			errc <- err
			return
		}
		done <- struct{}{}
	}()
	select {
	case <-timeout:
		return <-errc
	case err := <-errc:
		return err
	case <-done:
		return nil
	}
}

// goodMaybeNoAnswer: the goroutine gives up on one path without answering
// (the owner then waits on, a wait of its own); on the others it answers
// once, and every path of the owner takes that answer.
func goodMaybeNoAnswer(timeout <-chan struct{}, quiet bool) error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() {
		if err := answerWork(); err != nil {
			if quiet {
				return
			}
			errc <- err
			return
		}
		done <- struct{}{}
	}()
	var err error
	select {
	case <-timeout:
		select {
		case err = <-errc:
		case <-done:
		}
	case err = <-errc:
	case <-done:
	}
	return err
}
