package nopartner

// A goroutine that always panics still runs its deferred calls on the way
// out: the recover that sends what it got feeds the channel.

func runRecovered(timeout <-chan struct{}) {
	result := make(chan interface{})
	go func() {
		defer func() {
			result <- recover()
		}()
		panic("handler failed")
	}()
	select {
	case <-result:
	case <-timeout:
		go func() { <-result }()
	}
}

// The twin's goroutine recovers without sending: nothing feeds the
// channel.
func runSwallowed(timeout <-chan struct{}) {
	result := make(chan interface{})
	go func() {
		defer func() {
			_ = recover()
		}()
		panic("handler failed")
	}()
	select {
	case <-result:
	case <-timeout:
		go func() { <-result }() // want `no sender: receive from result blocks forever`
	}
}
