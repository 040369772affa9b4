package replyslot

import "errors"

// A request that carries its own reply channel, made with a buffer of one
// for it, which the server answers once: the requester may never read the
// answer, and no answer blocks. The twins answer one request twice, keep
// the requests and answer them again, or send a request they did not just
// make (one may then be answered twice).

type registration struct {
	id    int
	reply chan error
}

type notifier struct {
	registry chan any
	quit     chan struct{}
	clients  map[int]*registration
}

func (n *notifier) dispatch() {
	for {
		select {
		case msg := <-n.registry:
			switch m := msg.(type) {
			case *registration:
				n.clients[m.id] = m
				if m.id < 0 {
					m.reply <- errors.New("bad id")
					continue
				}
				m.reply <- nil
			case string:
				_ = m
			}
		case <-n.quit:
			return
		}
	}
}

func (n *notifier) Register(id int) error {
	reg := &registration{id: id, reply: make(chan error, 1)}
	go func() { _ = reg.id }()
	select {
	case n.registry <- reg:
		return nil
	case <-n.quit:
		return errors.New("shutting down")
	}
}

func (n *notifier) Note(s string) { n.registry <- s }

// The twin answers twice.

type twiceReq struct{ reply chan error }

func serveTwice(reqs chan *twiceReq) {
	for r := range reqs {
		r.reply <- nil // want `no receiver: send on \(\*twiceReq\)\.reply blocks forever once its buffer is full`
		r.reply <- nil // want `no receiver: send on \(\*twiceReq\)\.reply blocks forever once its buffer is full`
	}
}

func submitTwice(reqs chan *twiceReq) { reqs <- &twiceReq{reply: make(chan error, 1)} }

// The twin keeps its requests and answers them on every tick.

type tickReq struct{ reply chan error }

func serveTicks(reqs chan *tickReq, ticks chan struct{}) {
	var all []*tickReq
	for {
		select {
		case r := <-reqs:
			all = append(all, r)
		case <-ticks:
			for _, r := range all {
				r.reply <- nil // want `no receiver: send on \(\*tickReq\)\.reply blocks forever once its buffer is full`
			}
		}
	}
}

func submitTick(reqs chan *tickReq) { reqs <- &tickReq{reply: make(chan error, 1)} }

// The twin sends a request it did not just make: the same one may come
// back, and be answered again.

type resentReq struct{ reply chan error }

func serveResent(reqs chan *resentReq) {
	for r := range reqs {
		r.reply <- nil // want `no receiver: send on \(\*resentReq\)\.reply blocks forever once its buffer is full`
	}
}

func submitResent(reqs chan *resentReq, r *resentReq) { reqs <- r }

func newResent() *resentReq { return &resentReq{reply: make(chan error, 1)} }
