package mixed

import "sync"

// A read lock held across a send waits only for a partner that takes the
// lock for writing: two readers do not exclude each other. The notifier
// sends under a read lock; the loop that receives takes the same lock for
// writing in one of its cases (reported), or only reads it (silent).

type notifier struct {
	mu     sync.RWMutex
	errs   chan error
	closed bool
	quit   chan struct{}
}

func newNotifier() *notifier {
	n := &notifier{errs: make(chan error), quit: make(chan struct{})}
	go n.loop()
	return n
}

func (n *notifier) loop() {
	for {
		select {
		case <-n.errs:
		case <-n.quit:
			n.mu.Lock()
			n.closed = true
			n.mu.Unlock()
		}
	}
}

func (n *notifier) badReport(err error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if !n.closed {
		n.errs <- err // want `communication deadlock: send on \(\*notifier\)\.errs while holding \(\*notifier\)\.mu; the receiver takes \(\*notifier\)\.mu first`
	}
}

type readNotifier struct {
	mu     sync.RWMutex
	errs   chan error
	closed bool
	quit   chan struct{}
	seen   int
}

func newReadNotifier() *readNotifier {
	n := &readNotifier{errs: make(chan error), quit: make(chan struct{})}
	go n.loop()
	return n
}

// loop only reads under mu: a reader holding mu across the send does not
// keep it out.
func (n *readNotifier) loop() {
	for {
		select {
		case <-n.errs:
		case <-n.quit:
			n.mu.RLock()
			n.seen++
			n.mu.RUnlock()
		}
	}
}

func (n *readNotifier) goodReport(err error) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if !n.closed {
		n.errs <- err
	}
}
