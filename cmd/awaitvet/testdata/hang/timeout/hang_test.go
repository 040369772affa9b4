package timeout

import "testing"

func TestAsk(t *testing.T) {
	s := newServer()
	go s.serve()
	if got := s.ask(); got != "pong" {
		t.Fatal(got)
	}
}
