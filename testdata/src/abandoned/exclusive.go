package abandoned

import "errors"

func compute(n int) (int, error) {
	if n < 0 {
		return 0, errors.New("negative")
	}
	return n, nil
}

// resultOrError: the goroutine sends on exactly one of res and errc, and
// the receiver selects on both: while it waits in one send, nothing makes
// the other case ready, so whichever it sends is received.
func resultOrError(n int) (int, error) {
	res := make(chan int)
	errc := make(chan error)
	go func() {
		v, err := compute(n)
		if err != nil {
			errc <- err
			return
		}
		res <- v
	}()
	select {
	case v := <-res:
		return v, nil
	case err := <-errc:
		return 0, err
	}
}

// resultThenError sends the error (possibly nil) first and the result
// after it: once the receiver has taken errc and left, the send on res has
// no receiver.
func resultThenError(n int) (int, error) {
	res := make(chan int)
	errc := make(chan error)
	go func() { // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case`
		v, err := compute(n)
		errc <- err
		res <- v
	}()
	select {
	case v := <-res:
		return v, nil
	case err := <-errc:
		return 0, err
	}
}

// The same through a wrapper the goroutine runs: Serve calls serve once,
// which sends the error or closes ready, never both, so the order inside
// serve decides. The twin's serve closes ready before it may send the
// error: the receiver may have left by ready when the send comes.

func serve(ready chan bool, errc chan error, n int) {
	if _, err := compute(n); err != nil {
		errc <- err
		return
	}
	close(ready)
}

func Serve(ready chan bool, errc chan error, n int) { serve(ready, errc, n) }

func waitServe(n int) error {
	ready := make(chan bool)
	errc := make(chan error)
	go Serve(ready, errc, n)
	select {
	case err := <-errc:
		return err
	case <-ready:
		return nil
	}
}

func serveLate(ready chan bool, errc chan error, n int) {
	close(ready)
	if _, err := compute(n); err != nil {
		errc <- err
	}
}

func ServeLate(ready chan bool, errc chan error, n int) { serveLate(ready, errc, n) }

func waitServeLate(n int) error {
	ready := make(chan bool)
	errc := make(chan error)
	go ServeLate(ready, errc, n) // want `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
	select {
	case err := <-errc:
		return err
	case <-ready:
		return nil
	}
}
