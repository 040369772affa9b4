package leak

// An owner that leaves its select loop and then, on its own, receives
// again from the channel its workers send on may take the value its select
// gave up on: a worker in flight when quit came is drained after the loop
// (`if busy { <-res }`), as it would be by a deferred receive. The twin
// leaves the loop without receiving again.

func runDrained(kick, quit <-chan struct{}, work func() error) {
	res := make(chan error)
	busy := false
loop:
	for {
		select {
		case <-kick:
			if busy {
				continue
			}
			busy = true
			go func() { res <- work() }()
		case <-res:
			busy = false
		case <-quit:
			break loop
		}
	}
	if busy {
		<-res
	}
}

func runUndrained(kick, quit <-chan struct{}, work func() error) {
	res := make(chan error)
	busy := false
loop:
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
			break loop
		}
	}
	_ = busy
}
