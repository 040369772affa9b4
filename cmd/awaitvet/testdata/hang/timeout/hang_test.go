// Package timeout has a test that hangs until go test's -timeout panics:
// it waits for a reply that the server it started never sends.
package timeout

import "testing"

type server struct{ requests chan chan string }

func (s *server) serve() {
	for req := range s.requests {
		_ = req // never replies
	}
}

func (s *server) ask() string {
	reply := make(chan string)
	s.requests <- reply
	return <-reply
}

func TestAsk(t *testing.T) {
	s := &server{requests: make(chan chan string)}
	go s.serve()
	if got := s.ask(); got != "pong" {
		t.Fatal(got)
	}
}
