package leak

// A helper that sends a semaphore token in a select and returns true only
// when that case won: a caller that starts the releasing goroutine only
// when it returned true has put the token the goroutine takes back.

func tryAcquire(sem chan struct{}, done <-chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-done:
		return false
	}
}

func goodAcquireThenRelease(done <-chan struct{}, work func()) {
	sem := make(chan struct{}, 1)
	if !tryAcquire(sem, done) {
		return
	}
	go func() {
		defer func() { <-sem }()
		work()
	}()
}

func tryAcquireB(sem chan struct{}, done <-chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-done:
		return false
	}
}

// badReleaseAnyway starts the releasing goroutine whatever the helper
// returned: when done won, there is no token to take back.
func badReleaseAnyway(done <-chan struct{}, work func()) {
	sem := make(chan struct{}, 1)
	ok := tryAcquireB(sem, done)
	go func() { // want `goroutine leak: receive from sem blocks forever: the sender may return without sending`
		defer func() { <-sem }()
		work()
	}()
	_ = ok
}
