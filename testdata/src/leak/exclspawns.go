package leak

import "sync"

// A handler that answers each call from a goroutine of its own, one or
// another by the method named, starts one replier per call: the reply
// channel's one slot holds its answer even when the caller stops waiting.
// A handler that may start two repliers for one call leaves the second
// blocked once the caller has gone.

type replyServer struct {
	done  chan struct{}
	calls sync.WaitGroup
}

// await waits for the reply, or for the server to end.
func (s *replyServer) await(reply <-chan string) {
	select {
	case r := <-reply:
		sink(len(r))
	case <-s.done:
	}
}

func answerOne(method string, reply chan<- string) {
	switch method {
	case "slow":
		go func() { reply <- "late" }()
	default:
		go func() { reply <- "now" }()
	}
}

func answerTwo(method string, reply chan<- string) {
	go func() { reply <- "ack" }()
	if method == "slow" {
		go func() { reply <- "late" }()
	}
}

// callOne starts one replier per call.
func (s *replyServer) callOne(method string) {
	s.calls.Add(1)
	go func() {
		defer s.calls.Done()
		reply := make(chan string, 1)
		answerOne(method, reply)
		s.await(reply)
	}()
}

// callTwo may start two, with room for one answer.
func (s *replyServer) callTwo(method string) {
	s.calls.Add(1)
	go func() {
		defer s.calls.Done()
		reply := make(chan string, 1)
		answerTwo(method, reply) // want `goroutine leak: send on reply blocks forever: the receiver may leave by another select case`
		s.await(reply)
	}()
}
