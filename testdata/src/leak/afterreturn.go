package leak

// goodDoneAfterSend: the other case waits for done, which the sender closes
// only when it returns, after its send was taken: the receiver cannot leave
// while the sender still waits.
func goodDoneAfterSend(x int) int {
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-done:
		return 0
	}
}

// badDoneBeforeSend closes done before it sends: the receiver may take
// done and leave, and the send then waits forever.
func badDoneBeforeSend(x int) int {
	ch := make(chan int)
	done := make(chan struct{})
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		close(done)
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-done:
		return 0
	}
}
