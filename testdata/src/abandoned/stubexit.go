package abandoned

import "errors"

// A select loop's case whose body leaves only on an error its callee never
// returns (a stub of this build: `return nil` on every path) goes round to
// the select again: the receiver never leaves by it. The goroutine sends
// its error or its done, never both, so one of the other two cases takes
// whichever it sends.

type stubBatch struct{ n int }

func (b *stubBatch) flush() { b.n = 0 }

type stubExtern struct {
	b    *stubBatch
	work chan bool
}

// DoWork flushes the batch; this build has nothing that can fail.
func (m *stubExtern) DoWork() error {
	if m.b != nil {
		m.b.flush()
	}
	return nil
}

func (m *stubExtern) Work() <-chan bool { return m.work }

type stubMachine struct {
	stubExtern
	steps []func() error
}

func (m *stubMachine) RunAll() error {
	work := m.stubExtern.Work()
	errc := make(chan error)
	done := make(chan struct{})
	go m.run(errc, done)
	for {
		select {
		case <-work:
			if err := m.stubExtern.DoWork(); err != nil {
				return err
			}
		case err := <-errc:
			return err
		case <-done:
			return nil
		}
	}
}

func (m *stubMachine) run(errc chan error, done chan struct{}) {
	for _, s := range m.steps {
		if err := s(); err != nil {
			errc <- err
			return
		}
	}
	done <- struct{}{}
}

// failingExtern's DoWork can fail: the receiver leaves by the work case,
// and the goroutine's send is left without a receiver.
type failingExtern struct {
	work chan bool
	ok   bool
}

func (m *failingExtern) DoWork() error {
	if !m.ok {
		return errors.New("flush failed")
	}
	return nil
}

type failingMachine struct {
	failingExtern
	steps []func() error
}

func (m *failingMachine) RunAll() error {
	work := m.failingExtern.work
	errc := make(chan error)
	done := make(chan struct{})
	go m.run(errc, done) // want `goroutine leak: send on done blocks forever: the receiver may leave by another select case` `goroutine leak: send on errc blocks forever: the receiver may leave by another select case`
	for {
		select {
		case <-work:
			if err := m.failingExtern.DoWork(); err != nil {
				return err
			}
		case err := <-errc:
			return err
		case <-done:
			return nil
		}
	}
}

func (m *failingMachine) run(errc chan error, done chan struct{}) {
	for _, s := range m.steps {
		if err := s(); err != nil {
			errc <- err
			return
		}
	}
	done <- struct{}{}
}
