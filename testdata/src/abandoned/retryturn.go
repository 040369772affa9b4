package abandoned

import "errors"

// A retry loop makes a channel on each turn, starts one sender and
// receives from it before anything leaves the turn: a return (or break)
// inside the loop comes after the receive, so no turn's sender is left
// behind. The buggy twins leave the turn before the receive on some path.

func attempt(i int) error {
	if i < 2 {
		return errors.New("busy")
	}
	return nil
}

func retryReturn(n int) error {
	var last error
	for i := 0; i < n; i++ {
		ch := make(chan error)
		go func() { ch <- attempt(i) }()
		err := <-ch
		if err == nil {
			return nil
		}
		last = err
	}
	return last
}

func retryBreak(n int) (err error) {
	for i := 0; i < n; i++ {
		ch := make(chan error)
		go func() { ch <- attempt(i) }()
		if err = <-ch; err == nil {
			break
		}
	}
	return err
}

func retrySkip(n int, skip func(int) bool) error {
	var last error
	for i := 0; i < n; i++ {
		ch := make(chan error)
		go func() { ch <- attempt(i) }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if skip(i) {
			continue
		}
		err := <-ch
		if err == nil {
			return nil
		}
		last = err
	}
	return last
}

func retryGiveUp(n int, late func() bool) error {
	for i := 0; i < n; i++ {
		ch := make(chan error)
		go func() { ch <- attempt(i) }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if late() {
			return errors.New("too late")
		}
		if err := <-ch; err == nil {
			return nil
		}
	}
	return nil
}
