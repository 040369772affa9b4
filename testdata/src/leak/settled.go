package leak

// A helper that starts a worker and receives its result on every path
// before it returns settles the worker's send (settleSpawns): its caller
// sees no sender left behind. Its twin can give up first.

import "time"

type result struct{ n int }

type producer struct {
	cancels chan int
	limiter chan struct{}
	quit    chan struct{}
}

func (p *producer) dispatch(limit int, out chan<- result) {
	if limit <= 0 {
		out <- result{}
		return
	}
	out <- result{n: limit}
}

// goodLoop fetches in a helper that starts the worker and waits for its
// result, serving cancellations meanwhile.
func (p *producer) goodLoop() {
	results := make(chan result)
	for {
		select {
		case <-p.quit:
			return
		case <-p.limiter:
			p.fetch(results)
		}
	}
}

func (p *producer) fetch(results chan result) {
	go p.dispatch(3, results)
	for {
		select {
		case r := <-results:
			_ = r
			return
		case id := <-p.cancels:
			_ = id
		}
	}
}

// badLoop's helper gives up after a timeout: the worker's result is never
// taken.
func (p *producer) badLoop() {
	results := make(chan result)
	for {
		select {
		case <-p.quit:
			return
		case <-p.limiter:
			p.fetchOrGiveUp(results) // want `goroutine leak: send on results blocks forever`
		}
	}
}

func (p *producer) fetchOrGiveUp(results chan result) {
	go p.dispatch(3, results)
	select {
	case r := <-results:
		_ = r
	case <-time.After(time.Second):
	}
}
