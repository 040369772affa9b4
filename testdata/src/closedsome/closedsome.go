// Package closedsome: a goroutine waits for a close that happens on some
// paths only. The finding must say so ("closed on some paths only"), not
// that nothing sends; the fixed twins close on every path.
package closedsome

// errWork is what work fails with: set elsewhere, it may or may not be nil.
var errWork error

func work() error { return errWork }

func Direct() error {
	ch := make(chan struct{})
	go func() { // want `goroutine leak: receive from ch blocks forever: it is closed on some paths only`
		<-ch
	}()
	if err := work(); err != nil {
		return err
	}
	close(ch)
	return nil
}

func GoodDirect() error {
	ch := make(chan struct{})
	defer close(ch)
	go func() {
		<-ch
	}()
	if err := work(); err != nil {
		return err
	}
	return nil
}

func closeIt(ch chan struct{}) { close(ch) }

// The close is in a helper the owner calls on some paths.
func Helper() error {
	ch := make(chan struct{})
	go func() { // want `goroutine leak: receive from ch blocks forever: it is closed on some paths only`
		<-ch
	}()
	if err := work(); err != nil {
		return err
	}
	closeIt(ch)
	return nil
}

func GoodHelper() error {
	ch := make(chan struct{})
	go func() {
		<-ch
	}()
	defer closeIt(ch)
	return work()
}

// A receive with comma-ok waits for the close like any other.
func CommaOk() {
	ch := make(chan int)
	go func() { // want `goroutine leak: receive from ch blocks forever: it is closed on some paths only`
		_, ok := <-ch
		_ = ok
	}()
	if work() != nil {
		return
	}
	close(ch)
}

// A channel made by a constructor and closed by a method that may return
// first.
type server struct{ quit chan struct{} }

func newServer() *server { return &server{quit: make(chan struct{})} }

func (s *server) loop() { <-s.quit }

func (s *server) close() error {
	if err := work(); err != nil {
		return err
	}
	close(s.quit)
	return nil
}

func (s *server) goodClose() error {
	defer close(s.quit)
	return work()
}

func Constructed() {
	s := newServer()
	go s.loop() // want `goroutine leak: receive from \(\*server\).quit blocks forever: it is closed on some paths only`
	s.close()
}

func GoodConstructed() {
	s := newServer()
	go s.loop()
	s.goodClose()
}
