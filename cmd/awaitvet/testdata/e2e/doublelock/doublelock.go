// Package doublelock holds a mutex and calls a method that locks it again.
package doublelock

import "sync"

// Server is closed while its buffer is flushed.
type Server struct {
	mu  sync.Mutex
	buf []byte
}

// Close holds s.mu and calls flush, which locks s.mu again: it never returns.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush()
}

func (s *Server) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = s.buf[:0]
}
