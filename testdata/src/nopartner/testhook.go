package nopartner

// Fetcher's step is a test hook: only tests assign it, so in the package
// it is nil. A send behind a non-nil test of the hook never runs; a send
// without one blocks forever.
type Fetcher struct {
	step  chan struct{}
	probe chan int
	ready chan struct{} // made by newFetcher
	n     int
}

func newFetcher() *Fetcher { return &Fetcher{ready: make(chan struct{})} }

func (f *Fetcher) loop() {
	for i := 0; i < 3; i++ {
		f.n++
		if f.step != nil {
			f.step <- struct{}{}
		}
	}
}

func (f *Fetcher) loopEarly() {
	if f.step == nil {
		return
	}
	f.step <- struct{}{}
}

func (f *Fetcher) loopUnguarded() {
	f.n++
	f.probe <- f.n // want `nil channel: send on \(\*Fetcher\)\.probe blocks forever`
}

// A test of another field guards nothing. (A test of step itself, nil on
// every read, would make the send dead code: see loop.)
func (f *Fetcher) loopWrongGuard() {
	if f.ready != nil {
		f.probe <- 1 // want `nil channel: send on \(\*Fetcher\)\.probe blocks forever`
	}
}

// A deferred closure registered behind the test runs only when the hook is
// set; registered behind a test of another field, it runs with the hook nil.
func (f *Fetcher) runDeferred() {
	if f.step != nil {
		defer func() {
			f.step <- struct{}{}
		}()
	}
	f.n++
}

func (f *Fetcher) runDeferredWrongGuard() {
	if f.ready != nil {
		defer func() {
			f.probe <- 2 // want `nil channel: send on \(\*Fetcher\)\.probe blocks forever`
		}()
	}
	f.n++
}
