package nopartner

import "errors"

// Channels a closure captures (kept in variables the closure shares) and
// that the function also copies into a local struct have two names: the
// closure sends through the variables, the function receives through the
// struct's fields. The function does not see every operation on them under
// one name, so it makes no claim. A function that receives from one of the
// variables only leaves the other's send without a receiver.

type readResult struct {
	data chan []byte
	err  chan error
}

func readOnce(fail bool) ([]byte, error) {
	if fail {
		return nil, errors.New("gone")
	}
	return []byte("ok"), nil
}

// readThroughStructGood receives from both channels through the struct.
func readThroughStructGood(fail bool) ([]byte, error) {
	recs, errs := make(chan []byte), make(chan error)
	go func() {
		r, err := readOnce(fail)
		if err != nil {
			errs <- err
			return
		}
		recs <- r
	}()
	rr := readResult{data: recs, err: errs}
	select {
	case r := <-rr.data:
		return r, nil
	case err := <-rr.err:
		return nil, err
	}
}

// readDataOnlyBad receives from recs alone.
func readDataOnlyBad(fail bool) []byte {
	recs, errs := make(chan []byte), make(chan error)
	go func() {
		r, err := readOnce(fail)
		if err != nil {
			errs <- err // want `no receiver: send on errs blocks forever`
			return
		}
		recs <- r
	}()
	return <-recs
}
