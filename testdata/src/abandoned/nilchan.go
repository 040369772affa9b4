package abandoned

// A channel made only when its sender is started, and received only when
// it is not nil: counted from the make, the variable holds the channel,
// and the test sends every such path to the receive.

func goodMaybeAsync(async bool, f func() int, other func()) int {
	var ch chan int
	if async {
		ch = make(chan int)
		go func() { ch <- f() }()
	}
	other()
	if ch != nil {
		return <-ch
	}
	return f()
}

// badMaybeAsync may leave on a quick path after starting the sender.
func badMaybeAsync(async, quick bool, f func() int, other func()) int {
	var ch chan int
	if async {
		ch = make(chan int)
		go func() { ch <- f() }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
	}
	other()
	if ch == nil || quick {
		return f()
	}
	return <-ch
}
