package abandoned

// A loop before the send does not decide whether it runs: the goroutine
// sends whenever its loop ends, on the side of its length test on which
// the starter receives.

func goodSumAfterLoop(items []int) int {
	ch := make(chan int)
	go func() {
		if len(items) > 0 {
			t := 0
			for _, v := range items {
				t += v
			}
			ch <- t
		}
	}()
	if len(items) == 0 {
		return 0
	}
	return <-ch
}

// badSumAfterLoop receives only for more than one item.
func badSumAfterLoop(items []int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if len(items) > 0 {
			t := 0
			for _, v := range items {
				t += v
			}
			ch <- t
		}
	}()
	if len(items) < 2 {
		return 0
	}
	return <-ch
}

// The condition handed over a channel: the goroutine sends its status
// once, then the payload only when ok; the starter receives the status
// once and the payload only when the status says ok.

func goodStatusThenPayload(fetch func() (int, bool)) (int, bool) {
	status := make(chan bool)
	payload := make(chan int)
	go func() {
		v, ok := fetch()
		status <- ok
		if ok {
			payload <- v
		}
	}()
	if !<-status {
		return 0, false
	}
	return <-payload, true
}

// badStatusThenPayload sends the payload on the other side of the status.
func badStatusThenPayload(fetch func() (int, bool)) (int, bool) {
	status := make(chan bool)
	payload := make(chan int)
	go func() { // want `goroutine leak: send on payload blocks forever: the receiver may return before receiving$`
		v, ok := fetch()
		status <- ok
		if !ok {
			payload <- v
		}
	}()
	if !<-status {
		return 0, false
	}
	return <-payload, true
}

// The status may be the starter's own value, captured: the goroutine reads
// it twice (two loads of one unchanging variable), and the starter tests
// what it received, not the variable.
func goodCapturedStatus(ok bool) (int, bool) {
	status := make(chan bool)
	payload := make(chan int)
	go func() {
		status <- ok
		if ok {
			payload <- 7
		}
	}()
	if !<-status {
		return 0, false
	}
	return <-payload, true
}

// badCapturedStatus changes the variable after the go statement: the two
// reads may differ.
func badCapturedStatus(ok bool) (int, bool) {
	status := make(chan bool)
	payload := make(chan int)
	go func() { // want `goroutine leak: send on payload blocks forever: the receiver may return before receiving$`
		status <- ok
		if ok {
			payload <- 7
		}
	}()
	ok = !ok
	if !<-status {
		return 0, false
	}
	return <-payload, true
}

// A startup handshake: the goroutine reports its setup error, or nil, once
// on ready, and sends its result only on the path where it sent nil; the
// starter receives the result only when it received nil.
func goodReadyThenResult(setup func() error, work func() int) (int, error) {
	ready := make(chan error)
	done := make(chan int)
	go func() {
		if err := setup(); err != nil {
			ready <- err
			return
		}
		ready <- nil
		done <- work()
	}()
	if err := <-ready; err != nil {
		return 0, err
	}
	return <-done, nil
}

// badReadyThenResult sends the result after either report.
func badReadyThenResult(setup func() error, work func() int) (int, error) {
	ready := make(chan error)
	done := make(chan int)
	go func() { // want `goroutine leak: send on done blocks forever: the receiver may return before receiving$`
		ready <- setup()
		done <- work()
	}()
	if err := <-ready; err != nil {
		return 0, err
	}
	return <-done, nil
}
