package nopartner

import "errors"

// A struct a function makes and returns is the caller's alone, with the
// channels it holds, only if every return hands back that struct: send
// returns either a new request (its reply already in the buffer) or one
// that enqueue has handed to the serving goroutine, which replies on it.

var errRejected = errors.New("rejected")

type request struct{ errc chan error }

type requester struct{ queue chan *request }

func (c *requester) enqueue() *request {
	r := &request{errc: make(chan error, 1)}
	c.queue <- r
	return r
}

func (c *requester) serve() {
	for r := range c.queue {
		r.errc <- nil
	}
}

func (c *requester) send(rejected bool) *request {
	if rejected {
		errc := make(chan error, 1)
		errc <- errRejected
		return &request{errc: errc}
	}
	return c.enqueue()
}

func (c *requester) goodDo(rejected bool) error {
	r := c.send(rejected)
	return <-r.errc
}

// A request made on every path, whose reply channel nothing else can reach,
// gets no reply.
type orphan struct {
	Errc  chan error
	quick bool
}

func newOrphan(quick bool) *orphan {
	o := &orphan{Errc: make(chan error)}
	if quick {
		return o
	}
	o.quick = false
	return o
}

func badWaitOrphan() error {
	o := newOrphan(true)
	return <-o.Errc // want `no sender: receive from \(\*orphan\)\.Errc blocks forever$`
}
