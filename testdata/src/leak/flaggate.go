package leak

// A sender started behind a flag that its own start sets, and that only a
// receive of its value clears, is one at a time: once the loop is left, at
// most one value is pending, and a buffer of one holds it. The twins clear
// the flag on a tick that received nothing (two senders may be out), or
// give the channel no room for the one left behind.

func kickOne(kick, quit <-chan struct{}, work func() error) {
	res := make(chan error, 1)
	busy := false
	for {
		select {
		case <-kick:
			if busy {
				continue // one attempt at a time
			}
			busy = true
			go func() { res <- work() }()
		case <-res:
			busy = false
		case <-quit:
			return
		}
	}
}

func kickOneNegated(kick, quit <-chan struct{}, work func() error) {
	res := make(chan error, 1)
	idle := true
	for {
		select {
		case <-kick:
			if !idle {
				continue
			}
			idle = false
			go func() { res <- work() }()
		case <-res:
			idle = true
		case <-quit:
			return
		}
	}
}

func kickClearedOnTick(kick, tick, quit <-chan struct{}, work func() error) {
	res := make(chan error, 1)
	busy := false
	for {
		select {
		case <-kick:
			if busy {
				continue
			}
			busy = true
			go func() { res <- work() }() // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case`
		case <-tick:
			busy = false // gives up on the one out: the next kick starts another
		case <-res:
			busy = false
		case <-quit:
			return
		}
	}
}

func kickUnbuffered(kick, quit <-chan struct{}, work func() error) {
	res := make(chan error)
	busy := false
	for {
		select {
		case <-kick:
			if busy {
				continue
			}
			busy = true
			go func() { res <- work() }() // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case`
		case <-res:
			busy = false
		case <-quit:
			return
		}
	}
}

// kickFirst makes its first attempt before the loop, entering it busy: one
// attempt at a time still. kickFirstIdle enters it idle, so a kick may
// start a second attempt while the first one's error waits in the buffer.
func kickFirst(kick, quit <-chan struct{}, work func() error) {
	res := make(chan error, 1)
	attempt := func() { res <- work() }
	busy := true
	go attempt()
	for {
		select {
		case <-kick:
			if busy {
				continue
			}
			busy = true
			go attempt()
		case <-res:
			busy = false
		case <-quit:
			return
		}
	}
}

func kickFirstIdle(kick, quit <-chan struct{}, work func() error) {
	res := make(chan error, 1)
	attempt := func() { res <- work() }
	busy := false
	go attempt() // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case`
	for {
		select {
		case <-kick:
			if busy {
				continue
			}
			busy = true
			go attempt()
		case <-res:
			busy = false
		case <-quit:
			return
		}
	}
}
