package abandoned

// The test both sides make may be a comparison with a constant, written
// twice: the goroutine's `if n <= 0 { return }` and its starter's
// `if n <= 0 { return }` (or its negation, `n > 0`) are one test of the
// same unchanged n, so the starter leaves without receiving only when the
// goroutine does not send.

func goodBounded(n int) int {
	ch := make(chan int)
	go func() {
		if n <= 0 {
			return
		}
		ch <- slow() + n
	}()
	if n <= 0 {
		return 0
	}
	return <-ch
}

func goodBoundedNegated(name string) int {
	ch := make(chan int)
	go func() {
		if name == "" {
			return
		}
		ch <- slow()
	}()
	if name != "" {
		return <-ch
	}
	return 0
}

// badOtherBound: the starter compares with another constant; on n == 1
// the goroutine sends and the starter has left.
func badOtherBound(n int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
		if n <= 0 {
			return
		}
		ch <- slow() + n
	}()
	if n <= 1 {
		return 0
	}
	return <-ch
}
