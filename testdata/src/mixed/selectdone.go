package mixed

import "sync"

// A select whose other case waits for a channel that only the partner's
// deferred close closes waits for the partner as a plain operation does:
// while the partner waits for the lock the select's goroutine holds, it
// has not returned, and the other case cannot fire.

type pauser struct {
	mu     sync.Mutex
	pauseC chan struct{}
	done   chan struct{}
	runs   int
}

func startPauser(work func()) *pauser {
	c := &pauser{pauseC: make(chan struct{}), done: make(chan struct{})}
	go c.run(work)
	return c
}

func (c *pauser) run(work func()) {
	defer close(c.done)
	for {
		select {
		case <-c.pauseC:
			return
		default:
			work()
			c.mu.Lock()
			c.runs++
			c.mu.Unlock()
		}
	}
}

func (c *pauser) Pause() {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case c.pauseC <- struct{}{}: // want `communication deadlock: send on \(\*pauser\)\.pauseC while holding \(\*pauser\)\.mu; the receiver takes \(\*pauser\)\.mu first`
	case <-c.done:
	}
}

// The fixed twin lets go of the lock before it waits.
func (c *pauser) PauseUnlocked() {
	c.mu.Lock()
	n := c.runs
	c.mu.Unlock()
	_ = n
	select {
	case c.pauseC <- struct{}{}:
	case <-c.done:
	}
}

// When another function may close the other case's channel (Kill), the
// select can leave by it while the partner waits: no claim.
type killablePauser struct {
	mu     sync.Mutex
	pauseC chan struct{}
	kill   chan struct{}
	runs   int
}

func startKillable(work func()) *killablePauser {
	c := &killablePauser{pauseC: make(chan struct{}), kill: make(chan struct{})}
	go c.run(work)
	return c
}

func (c *killablePauser) run(work func()) {
	for {
		select {
		case <-c.pauseC:
			return
		default:
			work()
			c.mu.Lock()
			c.runs++
			c.mu.Unlock()
		}
	}
}

func (c *killablePauser) Kill() { close(c.kill) }

func (c *killablePauser) Pause() {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case c.pauseC <- struct{}{}:
	case <-c.kill:
	}
}

// A receive the partner reaches only after another handshake is not what
// it is on its way to when it takes the lock: compactor's run takes c.mu
// between ticks, but waits on resumeC only after it has received a pause
// and acknowledged it, and Resume sends only while paused. No claim.
type compactor struct {
	mu      sync.Mutex
	paused  bool
	runs    int
	pauseC  chan chan struct{}
	resumeC chan struct{}
	tick    chan struct{}
}

func startCompactor() *compactor {
	c := &compactor{pauseC: make(chan chan struct{}), resumeC: make(chan struct{}), tick: make(chan struct{})}
	go c.run()
	return c
}

func (c *compactor) run() {
	for {
		select {
		case ack := <-c.pauseC:
			close(ack)
			<-c.resumeC
		case <-c.tick:
			c.mu.Lock()
			c.runs++
			c.mu.Unlock()
		}
	}
}

func (c *compactor) Pause() {
	ack := make(chan struct{})
	c.pauseC <- ack
	<-ack
	c.mu.Lock()
	c.paused = true
	c.mu.Unlock()
}

func (c *compactor) Resume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.paused {
		return
	}
	c.resumeC <- struct{}{}
	c.paused = false
}
