package abandoned

// A test of a length is a test of its operand: the goroutine sends when
// keys is not empty, and the starter receives in that case (len(keys) > 0
// and len(keys) == 0 are one condition, the length never being negative).

func goodWarm(keys []string, load func([]string) int, setup func()) int {
	ch := make(chan int)
	go func() {
		if len(keys) > 0 {
			ch <- load(keys)
		}
	}()
	setup()
	if len(keys) == 0 {
		return 0
	}
	return <-ch
}

// badWarm receives only for more than one key.
func badWarm(keys []string, load func([]string) int, setup func()) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if len(keys) > 0 {
			ch <- load(keys)
		}
	}()
	setup()
	if len(keys) < 2 {
		return 0
	}
	return <-ch
}

// A select with a default takes the value if it is there; otherwise the
// function waits for it after all.

func goodPollThenWait(load func() int, warm func()) int {
	ch := make(chan int)
	go func() { ch <- load() }()
	select {
	case v := <-ch:
		return v
	default:
		warm()
	}
	return <-ch
}

// badPollThenMaybe may return after the default without waiting.
func badPollThenMaybe(load func() int, warm func() bool) int {
	ch := make(chan int)
	go func() { ch <- load() }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
	select {
	case v := <-ch:
		return v
	default:
		if warm() {
			return 0
		}
	}
	return <-ch
}

// The poll may be repeated: its case returns what it got, so it receives
// once at most on any path, and the wait after the loop takes the value
// otherwise.
func goodPollLoopThenWait(load func() int, warm func()) int {
	ch := make(chan int)
	go func() { ch <- load() }()
	for i := 0; i < 3; i++ {
		select {
		case v := <-ch:
			return v
		default:
			warm()
		}
	}
	return <-ch
}

// badPollLoopGiveUp gives up after the polls.
func badPollLoopGiveUp(load func() int, warm func() bool) int {
	ch := make(chan int)
	go func() { ch <- load() }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
	for i := 0; i < 3; i++ {
		select {
		case v := <-ch:
			return v
		default:
			if warm() {
				return 0
			}
		}
	}
	return <-ch
}
