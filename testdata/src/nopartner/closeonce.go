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

// A close of one of two channels may close either: "nothing closes a"
// would be false when first is set, and whether a is closed depends on an
// argument nothing here decides, so no claim is made.
func startCloseEither(lines <-chan string, first bool) {
	a := make(chan struct{})
	b := make(chan struct{})
	go func() {
		r := a
		if !first {
			r = b
		}
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
	<-a
}

// The twin closes b alone: nothing closes a.
func startCloseOther(lines <-chan string) {
	a := make(chan struct{})
	b := make(chan struct{})
	go func() {
		r := b
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
	<-a // want `no sender: receive from a blocks forever`
}
