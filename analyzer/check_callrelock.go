package analyzer

var callRelockCheck = &Check{
	Name:      "callrelock",
	SplitFrom: "doublelock",
	Title:     "a function called with a mutex held that it locks on every path",
	Doc: `
One of doublelock's claims, kept apart because it does not depend on which
of the callee's branches run: a function locks a mutex with its own Lock
call and, holding it, calls a function (by a static call, through any
depth of such calls) that locks the same mutex, named through the
arguments it was given, on every path by which it returns. sync.Mutex is
not reentrant: the call blocks forever whatever the callee's conditions
decide. A callee that locks only on some paths, under a flag or a test
of its arguments, or after releasing the caller's lock, is doublelock's
(and is reported there when the path is witnessed); so is a callee reached
through an interface or a function value.`,
	Wrong: `
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush() // flush locks s.mu on every path
}

func (s *Server) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
}`,
	Right: `
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked() // documented to run with s.mu held
}

func (s *Server) flushLocked() {
	// ...
}`,
}

func (ps *passState) reportCallRelock(c conflict) {
	ps.report(c.pos, callRelockCheck, "double lock: "+c.res+" acquired while already held (through "+c.through+", which locks it on every path)", c.held, c.acq)
}
