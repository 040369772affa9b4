package nopartner

// The reader closes ready once, on its first turn, through a variable it
// then sets to nil: the close acts on phi(ready, nil), and a close that does
// not panic closed ready. The receive has its partner.
func startCloseOnce(lines <-chan string) {
	ready := make(chan struct{})
	go func() {
		r := ready
		for {
			if r != nil {
				close(r)
				r = nil
			}
			if _, ok := <-lines; !ok {
				return
			}
		}
	}()
	<-ready
}

// The twin clears the variable without closing: nothing closes ready.
func startClearOnly(lines <-chan string) {
	ready := make(chan struct{})
	go func() {
		r := ready
		for {
			if r != nil {
				r = nil
			}
			if _, ok := <-lines; !ok {
				return
			}
		}
	}()
	<-ready // want `no sender: receive from ready blocks forever`
}
