package doublelock

// Closures and method values that lock s.mu while the caller holds it.
// Closure bodies are kept on the line of their call so the finding is on
// that line whether it is placed at the call or at the Lock inside.

// apply calls the function it is given.
func apply(f func()) { f() }

// badInlineClosure calls a locking func literal immediately.
func (s *Server) badInlineClosure() {
	s.mu.Lock()
	defer s.mu.Unlock()
	func() { s.mu.Lock(); s.n++; s.mu.Unlock() }() // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodInlineClosure's func literal does not lock.
func (s *Server) goodInlineClosure() {
	s.mu.Lock()
	defer s.mu.Unlock()
	func() { s.n++ }()
}

// badDeferredClosure: defers run last-in first-out, so the closure runs
// before the deferred Unlock and locks s.mu while it is held.
func (s *Server) badDeferredClosure() {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { s.mu.Lock(); s.n++; s.mu.Unlock() }() // want `double lock: \(\*Server\)\.mu acquired while already held`
	s.n++
}

// goodDeferredClosure defers the Unlock last, so it runs first.
func (s *Server) goodDeferredClosure() {
	s.mu.Lock()
	defer func() { s.mu.Lock(); s.n++; s.mu.Unlock() }()
	defer s.mu.Unlock()
	s.n++
}

// badStoredClosure stores a locking closure and calls it under the lock.
func (s *Server) badStoredClosure() {
	bump := func() { s.mu.Lock(); s.n++; s.mu.Unlock() }
	s.mu.Lock()
	defer s.mu.Unlock()
	bump() // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodStoredClosure calls the stored closure after releasing the lock.
func (s *Server) goodStoredClosure() {
	bump := func() { s.mu.Lock(); s.n++; s.mu.Unlock() }
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	bump()
}

// badPassedClosure passes a locking closure to apply, which calls it.
func (s *Server) badPassedClosure() {
	s.mu.Lock()
	defer s.mu.Unlock()
	apply(func() { s.mu.Lock(); s.n++; s.mu.Unlock() }) // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodPassedClosure passes a closure that does not lock.
func (s *Server) goodPassedClosure() {
	s.mu.Lock()
	defer s.mu.Unlock()
	apply(func() { s.n++ })
}

// badMethodValue calls the method value s.flush while holding s.mu.
func (s *Server) badMethodValue() {
	f := s.flush
	s.mu.Lock()
	defer s.mu.Unlock()
	f() // want `double lock: \(\*Server\)\.mu acquired while already held`
}

// goodMethodValue uses the method value of the non-locking variant.
func (s *Server) goodMethodValue() {
	f := s.flushLocked
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}
