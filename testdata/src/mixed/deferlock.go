package mixed

import "sync"

// A lock the partner takes in a deferred call is taken when it returns,
// after its send, or after its receive loop has ended with the channel's
// close: it never stands in the way of the operation. The twins take it
// before the send, or inside the loop.

type jobPool struct {
	mu      sync.Mutex
	jobs    chan func()
	closed  bool
	running int
}

func newJobPool(n int) *jobPool {
	p := &jobPool{jobs: make(chan func()), running: n}
	for i := 0; i < n; i++ {
		go p.worker()
	}
	return p
}

func (p *jobPool) worker() {
	defer p.exited()
	for j := range p.jobs {
		j()
	}
}

func (p *jobPool) exited() {
	p.mu.Lock()
	p.running--
	p.mu.Unlock()
}

func (p *jobPool) submit(j func()) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.jobs <- j
	return true
}

func (p *jobPool) close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.jobs)
	}
	p.mu.Unlock()
}

type countedPool struct {
	mu   sync.Mutex
	jobs chan func()
	done int
}

func newCountedPool() *countedPool {
	p := &countedPool{jobs: make(chan func())}
	go p.worker()
	return p
}

func (p *countedPool) worker() {
	for j := range p.jobs {
		j()
		p.mu.Lock()
		p.done++
		p.mu.Unlock()
	}
}

func (p *countedPool) submit(j func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.jobs <- j // want `communication deadlock: send on \(\*countedPool\)\.jobs while holding \(\*countedPool\)\.mu; the receiver takes \(\*countedPool\)\.mu first`
}

type fetchCache struct {
	mu      sync.Mutex
	fetches int
}

func (c *fetchCache) fetch(out chan<- int) {
	defer c.count()
	out <- 42
}

func (c *fetchCache) fetchCounted(out chan<- int) {
	c.count()
	out <- 42
}

func (c *fetchCache) count() {
	c.mu.Lock()
	c.fetches++
	c.mu.Unlock()
}

func (c *fetchCache) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan int)
	go c.fetch(ch)
	return <-ch
}

func (c *fetchCache) getCounted() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan int)
	go c.fetchCounted(ch)
	return <-ch // want `communication deadlock: receive from ch while holding \(\*fetchCache\)\.mu; the sender takes \(\*fetchCache\)\.mu first; \(\*fetchCache\)\.getCounted runs both at once`
}
