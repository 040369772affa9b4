package leak

// A producer sends in a loop until quit and closes done in a deferred
// call, after its last send. Close closes quit and then receives until
// done: its select goes round after each value and leaves only once done
// is closed, when no send is left. In the twin Close takes one value at
// most: the producer may be at its next send when Close returns.

type Stream1 struct {
	out  chan int
	quit chan struct{}
	done chan struct{}
}

func StartStream1() *Stream1 {
	s := &Stream1{out: make(chan int), quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			select {
			case <-s.quit:
				return
			default:
			}
			s.out <- 1
		}
	}()
	return s
}

func (s *Stream1) Close() {
	close(s.quit)
	for {
		select {
		case <-s.out:
		case <-s.done:
			return
		}
	}
}

func RunStream1() {
	s := StartStream1()
	s.Close()
}

type Stream2 struct {
	out  chan int
	quit chan struct{}
	done chan struct{}
}

func StartStream2() *Stream2 {
	s := &Stream2{out: make(chan int), quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			select {
			case <-s.quit:
				return
			default:
			}
			s.out <- 1
		}
	}()
	return s
}

func (s *Stream2) Close() {
	close(s.quit)
	select {
	case <-s.out:
	case <-s.done:
	}
}

func RunStream2() {
	s := StartStream2() // want `goroutine leak: send on \(\*Stream2\)\.out blocks forever: the receiver may leave by another select case$`
	s.Close()
}
