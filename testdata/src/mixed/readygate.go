package mixed

import "sync"

// A gate between the goroutine's locking and the starter's: the goroutine
// takes and releases mu, closes ready, and only then sends; its starter
// receives from ready before it takes mu and receives under it. The
// goroutine's lock is released before the starter's is taken.

type peer struct {
	mu     sync.Mutex
	window int
}

func (p *peer) handshake() int {
	ready := make(chan struct{})
	hellos := make(chan int)
	go func() {
		p.mu.Lock()
		w := p.window
		p.mu.Unlock()
		close(ready)
		hellos <- w * 2
	}()
	<-ready
	p.mu.Lock()
	defer p.mu.Unlock()
	p.window = <-hellos
	return p.window
}

// The mirror: a send under the lock to a goroutine that locked, and
// unlocked, before it opened the gate.
func (p *peer) offer(w int) {
	ready := make(chan struct{})
	offers := make(chan int)
	done := make(chan struct{})
	go func() {
		p.mu.Lock()
		p.window++
		p.mu.Unlock()
		close(ready)
		p.window += <-offers
		close(done)
	}()
	<-ready
	p.mu.Lock()
	offers <- w
	p.mu.Unlock()
	<-done
}

// The twins: the goroutine opens the gate before it locks, or locks again,
// on its loop's next turn, after opening it: the starter may hold mu
// while the goroutine waits for it before it sends.

func (p *peer) handshakeEarly() int {
	ready := make(chan struct{})
	hellos := make(chan int)
	go func() {
		close(ready)
		p.mu.Lock()
		w := p.window
		p.mu.Unlock()
		hellos <- w * 2
	}()
	<-ready
	p.mu.Lock()
	defer p.mu.Unlock()
	p.window = <-hellos // want `communication deadlock: receive from hellos while holding \(\*peer\).mu; the sender takes \(\*peer\).mu first; \(\*peer\).handshakeEarly runs both at once`
	return p.window
}

func (p *peer) handshakeTwice() int {
	ready := make(chan struct{})
	hellos := make(chan int)
	go func() {
		w := 0
		for i := range 2 {
			p.mu.Lock()
			w += p.window
			p.mu.Unlock()
			if i == 0 {
				close(ready)
			}
		}
		hellos <- w
	}()
	<-ready
	p.mu.Lock()
	defer p.mu.Unlock()
	p.window = <-hellos // want `communication deadlock: receive from hellos while holding \(\*peer\).mu; the sender takes \(\*peer\).mu first; \(\*peer\).handshakeTwice runs both at once`
	return p.window
}

// A WaitGroup as the gate: the goroutine counts it down once its locking
// is over; the starter waits on it before it locks.
func (p *peer) handshakeGroup() int {
	var started sync.WaitGroup
	hellos := make(chan int)
	started.Add(1)
	go func() {
		p.mu.Lock()
		w := p.window
		p.mu.Unlock()
		started.Done()
		hellos <- w * 2
	}()
	started.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.window = <-hellos
	return p.window
}

// Its twin counts down before locking.
func (p *peer) handshakeGroupEarly() int {
	var started sync.WaitGroup
	hellos := make(chan int)
	started.Add(1)
	go func() {
		started.Done()
		p.mu.Lock()
		w := p.window
		p.mu.Unlock()
		hellos <- w * 2
	}()
	started.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.window = <-hellos // want `communication deadlock: receive from hellos while holding \(\*peer\).mu; the sender takes \(\*peer\).mu first; \(\*peer\).handshakeGroupEarly runs both at once`
	return p.window
}
