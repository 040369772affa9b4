package leak

import "time"

// A select loop that starts its sender behind a case whose channel variable
// the case sets to nil: the case is off while a sender is out, and comes on
// again only once its value was received. At most one value is ever
// pending, and a buffer of one holds it when the loop is left.

func probe() bool { return true }

// goodEventually starts one probe per tick, one at a time.
func goodEventually(wait, every time.Duration) bool {
	ch := make(chan bool, 1)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for tick := ticker.C; ; {
		select {
		case <-timer.C:
			return false
		case <-tick:
			tick = nil
			go func() { ch <- probe() }()
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// badEventuallyOpen never turns the case off: every tick starts another
// probe, and those still running when the timer fires find the buffer full.
func badEventuallyOpen(wait, every time.Duration) bool {
	ch := make(chan bool, 1)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for tick := ticker.C; ; {
		select {
		case <-timer.C:
			return false
		case <-tick:
			go func() { ch <- probe() }() // want `goroutine leak: send on ch blocks forever`
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// badEventuallyReopen turns the case back on from another case, before the
// probe's value was received: a second probe may start with the first one's
// value still pending.
func badEventuallyReopen(wait, every time.Duration, kick <-chan struct{}) bool {
	ch := make(chan bool, 1)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for tick := ticker.C; ; {
		select {
		case <-timer.C:
			return false
		case <-kick:
			tick = ticker.C
		case <-tick:
			tick = nil
			go func() { ch <- probe() }() // want `goroutine leak: send on ch blocks forever`
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// badEventuallyUnbuffered turns the case off, but the one pending value has
// no buffer to wait in when the timer fires.
func badEventuallyUnbuffered(wait, every time.Duration) bool {
	ch := make(chan bool)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for tick := ticker.C; ; {
		select {
		case <-timer.C:
			return false
		case <-tick:
			tick = nil
			go func() { ch <- probe() }() // want `goroutine leak: send on ch blocks forever`
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// goodEventuallyFirst checks once before its loop, with the case off until
// that first value is received: still one probe at a time.
func goodEventuallyFirst(wait, every time.Duration) bool {
	ch := make(chan bool, 1)
	check := func() { ch <- probe() }
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	var tick <-chan time.Time
	go check()
	for {
		select {
		case <-timer.C:
			return false
		case <-tick:
			tick = nil
			go check()
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// badEventuallyFirstOpen checks once before its loop with the case already
// on: a tick may start a second probe while the first one's value is
// pending.
func badEventuallyFirstOpen(wait, every time.Duration) bool {
	ch := make(chan bool, 1)
	check := func() { ch <- probe() }
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	tick := ticker.C
	go check() // want `goroutine leak: send on ch blocks forever`
	for {
		select {
		case <-timer.C:
			return false
		case <-tick:
			tick = nil
			go check()
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// badEventuallyLast starts one more probe after its loop, with the value of
// the one the loop left behind still in the buffer.
func badEventuallyLast(wait, every time.Duration) bool {
	ch := make(chan bool, 1)
	check := func() { ch <- probe() }
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	var tick <-chan time.Time
	go check() // want `goroutine leak: send on ch blocks forever`
loop:
	for {
		select {
		case <-timer.C:
			break loop
		case <-tick:
			tick = nil
			go check()
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
	go check()
	return false
}
