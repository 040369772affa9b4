// Package timeout has a test that hangs until go test's -timeout panics:
// it waits for a reply that the server it started never sends.
package timeout

type server struct{ requests chan chan string }

func newServer() *server { return &server{requests: make(chan chan string)} }

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
