//go:build e2etag

package doublelock

// Reset is built only with -tags=e2etag; the tests use it to check that
// -tags reaches the package loader.
func (s *Server) Reset() {
	s.mu.Lock()
	s.buf = nil
	s.mu.Unlock()
}
