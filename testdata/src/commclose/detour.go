package commclose

import "sync"

// A dispatch loop closes stopped when it returns, and nothing else closes
// or sends on it. Its handler's callback is the connection's own Close
// (a method value kept in a field when the connection is made), which
// waits on stopped: the loop waits, inside itself, for a close that comes
// only after it returns. The channel is reached as
// c.handler.onConfig.$fv0.stopped, a detour through fields set once that
// leads back to c. When the callback is another connection's Close, the
// loop waits for that connection's loop, not for itself: silent.

type handler struct {
	onConfig func()
}

func (h *handler) config() {
	if h.onConfig != nil {
		h.onConfig()
	}
}

type conn struct {
	handler *handler
	inbox   chan int
	stopped chan struct{}
	closed  chan struct{}
	once    sync.Once
}

func (c *conn) dispatch() {
	defer close(c.stopped)
	for {
		select {
		case m := <-c.inbox:
			if m == 0 {
				c.handler.config()
			}
		case <-c.closed:
			return
		}
	}
}

func (c *conn) Close() {
	c.once.Do(func() {
		close(c.closed)
		<-c.stopped // want `communication deadlock: receive from \(\*conn\)\.stopped waits for the deferred close of \(\*conn\)\.dispatch, which it runs inside: the close runs only after \(\*conn\)\.dispatch returns`
	})
}

func newConn() *conn {
	h := &handler{}
	c := &conn{handler: h, inbox: make(chan int), stopped: make(chan struct{}), closed: make(chan struct{})}
	h.onConfig = c.Close
	go c.dispatch()
	return c
}

// The peer's callback closes the other connection.
type peerHandler struct {
	onConfig func()
}

func (h *peerHandler) config() {
	if h.onConfig != nil {
		h.onConfig()
	}
}

type peerConn struct {
	handler *peerHandler
	inbox   chan int
	stopped chan struct{}
	closed  chan struct{}
	once    sync.Once
}

func (c *peerConn) dispatch() {
	defer close(c.stopped)
	for {
		select {
		case m := <-c.inbox:
			if m == 0 {
				c.handler.config()
			}
		case <-c.closed:
			return
		}
	}
}

func (c *peerConn) Close() {
	c.once.Do(func() {
		close(c.closed)
		<-c.stopped
	})
}

func newPeerConn(other *peerConn) *peerConn {
	h := &peerHandler{}
	c := &peerConn{handler: h, inbox: make(chan int), stopped: make(chan struct{}), closed: make(chan struct{})}
	h.onConfig = other.Close
	go c.dispatch()
	return c
}

// A second call of closeOnce waits for the first call's deferred close: on
// the path that receives, this call has deferred nothing. Silent.
type session struct {
	mu      sync.Mutex
	closing bool
	done    chan struct{}
}

func newSession() *session { return &session{done: make(chan struct{})} }

func (s *session) closeOnce() {
	s.mu.Lock()
	already := s.closing
	s.closing = true
	s.mu.Unlock()
	if already {
		<-s.done
		return
	}
	defer close(s.done)
	s.flush()
}

func (s *session) flush() {}
