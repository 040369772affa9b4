package abandoned

// The other case of the receiver's select waits on a channel only the
// owner itself closes, and only once the select is done: while it waits
// there, that case cannot fire, and the send is taken.

type stopServer struct{ stop chan struct{} }

func (s *stopServer) serve(reqs <-chan int) (n int) {
	for {
		select {
		case <-s.stop:
			return n
		case v, ok := <-reqs:
			if !ok {
				return n
			}
			n += v
		}
	}
}

func (s *stopServer) close() { close(s.stop) }

func goodOwnerClosesAfter() int {
	s := &stopServer{stop: make(chan struct{})}
	reqs := make(chan int)
	go func() {
		reqs <- 3
		close(reqs)
	}()
	n := s.serve(reqs)
	s.close()
	return n
}

func goodOwnerDefersClose() int {
	s := &stopServer{stop: make(chan struct{})}
	defer s.close()
	reqs := make(chan int)
	go func() {
		reqs <- 3
		close(reqs)
	}()
	return s.serve(reqs)
}

// badOwnerClosesFirst closes before it serves: serve may leave by the stop
// case at once, and the send is left behind.
func badOwnerClosesFirst() int {
	s := &stopServer{stop: make(chan struct{})}
	reqs := make(chan int)
	go func() { // want `goroutine leak: send on reqs blocks forever: the receiver may leave by another select case$`
		reqs <- 3
		close(reqs)
	}()
	s.close()
	return s.serve(reqs)
}

// badOwnerServesTwice: the close of the first turn comes before the
// second turn's select.
func badOwnerServesTwice() (n int) {
	s := &stopServer{stop: make(chan struct{})}
	for range 2 {
		reqs := make(chan int)
		go func() { // want `goroutine leak: send on reqs blocks forever: the receiver may leave by another select case`
			reqs <- 3
			close(reqs)
		}()
		n += s.serve(reqs)
		s.close()
	}
	return n
}
