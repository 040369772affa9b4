package nopartner

// A channel a goroutine puts into a struct it passes on is named, in the
// callee, by the struct's field: the callee's close of o.ready is not seen
// as a close of the caller's channel. The model cannot tell that nothing
// closes it, so it claims nothing.

type streamOpts struct {
	path  string
	ready chan struct{}
}

// openStream closes the ready channel it is given in its options.
func openStream(o streamOpts) error {
	close(o.ready)
	return nil
}

// goodReadyInOptions waits for a close that openStream makes through the
// options struct.
func goodReadyInOptions() error {
	errc := make(chan error, 1)
	ready := make(chan struct{})
	go func() {
		errc <- openStream(streamOpts{path: "/stats", ready: ready})
	}()
	<-ready
	return <-errc
}

// badReadyForgotten puts the channel nowhere: nothing can close it.
func badReadyForgotten() error {
	errc := make(chan error, 1)
	ready := make(chan struct{})
	go func() {
		errc <- openStream(streamOpts{path: "/stats", ready: make(chan struct{})})
	}()
	<-ready // want `no sender: receive from ready blocks forever`
	return <-errc
}
