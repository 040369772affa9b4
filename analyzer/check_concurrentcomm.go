package analyzer

var concurrentCommCheck = &Check{
	Name:      "concurrentcomm",
	SplitFrom: "commcycle",
	Title:     "goroutines started together that wait on each other through channels, locks and WaitGroups",
	Doc: `
The communication deadlock of commcycle between two goroutines (a send,
receive or Wait under a lock the partner needs first; two goroutines that
each send only after they receive), claimed only where the package itself
shows both running at once: one function starts a goroutine that reaches
one of them and, after the go statement on every path, reaches the other
itself or in another goroutine it starts. The finding's chain ends with
that function.`,
	Wrong: `
func (s *Server) Run() {
	go s.watch()     // s.mu.Lock(), then sends on s.events
	s.mu.Lock()
	<-s.events       // while holding s.mu: watch never gets it
	s.mu.Unlock()
}`,
	Right: `
func (s *Server) Run() {
	go s.watch()
	e := <-s.events  // receive first, then lock
	s.mu.Lock()
	s.last = e
	s.mu.Unlock()
}`,
}

// twoGoroutines notes, on the finding reported last, where the two
// goroutines it says wait on each other run.
func (ps *passState) twoGoroutines(a, b side) {
	ps.findings[len(ps.findings)-1].goroutines = [2]side{a, b}
}

// witnessComm turns each commcycle finding between two goroutines that
// a function of this package shows running at once (concurrent.go) into a
// concurrentcomm finding, with that witness.
func (ps *passState) witnessComm() {
	for i := range ps.findings {
		f := &ps.findings[i]
		if f.check != commCycleCheck {
			continue
		}
		if w, ok := ps.concurrently(f.goroutines[0], f.goroutines[1]); ok {
			f.check = concurrentCommCheck
			f.message += "; " + ps.unqualify(ps.name(w.fn)) + " runs both at once"
			f.hops = w.after(ps, f.hops)
		}
	}
}
