package doublelock

import "sync"

// A helper that has nothing to do once the pool is closed checks that
// first, with a select of one receive and a default, and returns before
// its Lock; a Close that has just closed the channel under the lock finds
// the receive ready and the helper returns.

type readyPool struct {
	mu     sync.Mutex
	idle   []int
	closed chan struct{}
	drain  chan struct{}
}

func (p *readyPool) release(c int) {
	select {
	case <-p.closed:
		return
	default:
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle = append(p.idle, c)
}

func (p *readyPool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.closed)
	p.release(1) // closed: release returns before locking
}

// The twins: a release under the lock before the close, and one after
// closing another channel, lock again.

func (p *readyPool) Recycle(c int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.release(c) // want `double lock: \(\*readyPool\).mu acquired while already held \(through \(\*readyPool\).release\)`
	close(p.closed)
}

func (p *readyPool) Drain() {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.drain)
	p.release(1) // want `double lock: \(\*readyPool\).mu acquired while already held \(through \(\*readyPool\).release\)`
}
