package abandoned

// A goroutine that sends only on one side of a test of a value its starter
// hands it, and a starter that receives on that same side of its own test
// of the value (correlated.go): the paths that leave without receiving are
// those on which nothing is sent.

func slow() int { return 1 }

// goodQuickOrSlow skips both the send and the receive when quick.
func goodQuickOrSlow(quick bool) int {
	ch := make(chan int)
	go func() {
		if quick {
			return
		}
		ch <- slow()
	}()
	if quick {
		return 0
	}
	return <-ch
}

// goodByArgument hands the value as an argument of the go statement.
func goodByArgument(cached *int) int {
	ch := make(chan int)
	go func(c *int) {
		if c != nil {
			return
		}
		ch <- slow()
	}(cached)
	if cached != nil {
		return *cached
	}
	return <-ch
}

// badOppositeSides sends when quick and receives only when not.
func badOppositeSides(quick bool) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
		if !quick {
			return
		}
		ch <- slow()
	}()
	if quick {
		return 0
	}
	return <-ch
}

// badOtherTest sends unless quick but returns early on another test.
func badOtherTest(quick, cached bool) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
		if quick {
			return
		}
		ch <- slow()
	}()
	if cached {
		return 0
	}
	return <-ch
}

type conn struct {
	closed bool
}

// close marks the connection closed: the field changes after the conn is
// made.
func (c *conn) close() { c.closed = true }

func dial() error { return nil }

// goodSnapshot tests a copy of a field, taken once: the goroutine and its
// starter test one value.
func (c *conn) goodSnapshot() int {
	closed := c.closed
	ch := make(chan int)
	go func() {
		if closed {
			return
		}
		ch <- slow()
	}()
	if closed {
		return 0
	}
	return <-ch
}

// goodCallError tests the error of one call on both sides.
func goodCallError() int {
	err := dial()
	ch := make(chan int)
	go func() {
		if err != nil {
			return
		}
		ch <- slow()
	}()
	if err != nil {
		return 0
	}
	return <-ch
}

// badFieldAgain: the goroutine reads the field again, which may have
// changed since its starter's copy (close stores it).
func (c *conn) badFieldAgain() int {
	closed := c.closed
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
		if c.closed {
			return
		}
		ch <- slow()
	}()
	if closed {
		return 0
	}
	return <-ch
}
