package concurrent

import "sync"

// The batcher waits only on channels of the producer New makes, which
// only the producer's methods feed, and New shows the producer to nobody
// before it returns it, after its own nesting: the batcher's nesting runs
// after New's. The twin feeds the queue itself before its nesting.

type ConnUP struct {
	mu    sync.Mutex
	sent  int
	users int
}

type ProducerUP struct {
	mu    sync.Mutex
	conn  *ConnUP
	queue chan int
	flush chan chan int
	done  chan struct{}
}

func (p *ProducerUP) batcher() {
	defer close(p.done)
	for {
		select {
		case v, ok := <-p.queue:
			if !ok {
				return
			}
			p.mu.Lock()
			p.conn.mu.Lock()
			p.conn.sent += v
			p.conn.mu.Unlock()
			p.mu.Unlock()
		case reply := <-p.flush:
			reply <- 0
		}
	}
}

func (p *ProducerUP) Send(v int) { p.queue <- v }

func (p *ProducerUP) Flush() int {
	reply := make(chan int, 1)
	p.flush <- reply
	return <-reply
}

func (p *ProducerUP) Close() {
	close(p.queue)
	<-p.done
}

func NewProducerUP(conn *ConnUP) *ProducerUP {
	p := &ProducerUP{queue: make(chan int), flush: make(chan chan int), done: make(chan struct{})}
	go p.batcher()
	conn.mu.Lock()
	conn.users++
	p.mu.Lock() // want `lock-order cycle: \(\*ProducerUP\)\.mu acquired while holding \(\*ConnUP\)\.mu; \(\*ProducerUP\)\.batcher takes them in the opposite order$`
	p.conn = conn
	p.mu.Unlock()
	conn.mu.Unlock()
	return p
}

type ConnUPFed struct {
	mu    sync.Mutex
	sent  int
	users int
}

type ProducerUPFed struct {
	mu    sync.Mutex
	conn  *ConnUPFed
	queue chan int
	done  chan struct{}
}

func (p *ProducerUPFed) batcher() {
	defer close(p.done)
	for v := range p.queue {
		p.mu.Lock()
		p.conn.mu.Lock()
		p.conn.sent += v
		p.conn.mu.Unlock()
		p.mu.Unlock()
	}
}

func (p *ProducerUPFed) Send(v int) { p.queue <- v }

func NewProducerUPFed(conn *ConnUPFed) *ProducerUPFed {
	p := &ProducerUPFed{queue: make(chan int, 1), done: make(chan struct{})}
	p.conn = conn
	go p.batcher()
	p.queue <- 1
	conn.mu.Lock()
	conn.users++
	p.mu.Lock() // want `lock-order cycle: \(\*ProducerUPFed\)\.mu acquired while holding \(\*ConnUPFed\)\.mu; \(\*ProducerUPFed\)\.batcher takes them in the opposite order; NewProducerUPFed runs both at once$`
	p.mu.Unlock()
	conn.mu.Unlock()
	return p
}
