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
