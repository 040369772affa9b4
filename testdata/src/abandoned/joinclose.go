package abandoned

import "sync"

// The other case is a channel closed by a goroutine that first waits on a
// WaitGroup counting the sender (WaitGroup.Go): it becomes ready only once
// the sender has returned, after its send was taken. The twin starts the
// closer before the sender is counted, so Wait may return at once.

func goodClosedAfterJoin(check func() (string, bool)) (string, bool) {
	res := make(chan string)
	var wg sync.WaitGroup
	wg.Go(func() {
		if v, ok := check(); ok {
			res <- v
		}
	})
	ended := make(chan struct{})
	go func() {
		wg.Wait()
		close(ended)
	}()
	select {
	case v := <-res:
		return v, true
	case <-ended:
		return "", false
	}
}

func badClosedBeforeCounted(check func() (string, bool)) (string, bool) {
	res := make(chan string)
	var wg sync.WaitGroup
	ended := make(chan struct{})
	go func() {
		wg.Wait()
		close(ended)
	}()
	wg.Go(func() { // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case$`
		if v, ok := check(); ok {
			res <- v
		}
	})
	select {
	case v := <-res:
		return v, true
	case <-ended:
		return "", false
	}
}

// The same with Add before the go statement and a deferred Done in the
// sender. The twin counts down before it sends: the closer may close
// ended while the send still waits.

func goodClosedAfterDone(check func() (string, bool)) (string, bool) {
	res := make(chan string)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if v, ok := check(); ok {
			res <- v
		}
	}()
	ended := make(chan struct{})
	go func() {
		wg.Wait()
		close(ended)
	}()
	select {
	case v := <-res:
		return v, true
	case <-ended:
		return "", false
	}
}

func badDoneBeforeSend(check func() (string, bool)) (string, bool) {
	res := make(chan string)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case$`
		wg.Done()
		if v, ok := check(); ok {
			res <- v
		}
	}()
	ended := make(chan struct{})
	go func() {
		wg.Wait()
		close(ended)
	}()
	select {
	case v := <-res:
		return v, true
	case <-ended:
		return "", false
	}
}
