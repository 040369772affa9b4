package concurrent

import "sync"

// A receive under a lock the sender takes first, both started here.

type Client struct {
	mu    sync.Mutex
	awake chan struct{}
}

func (c *Client) keepalive() {
	c.mu.Lock()
	<-c.awake // want `communication deadlock: receive from \(\*Client\)\.awake while holding \(\*Client\)\.mu; the sender takes \(\*Client\)\.mu first; Open runs both at once$`
	c.mu.Unlock()
}

func (c *Client) stream() {
	c.mu.Lock()
	c.awake <- struct{}{} // want `communication deadlock: send on \(\*Client\)\.awake while holding \(\*Client\)\.mu; the receiver takes \(\*Client\)\.mu first; Open runs both at once$`
	c.mu.Unlock()
}

func Open() {
	c := &Client{awake: make(chan struct{})}
	go c.keepalive()
	go c.stream()
}

// The twin: the receiver is started here, the sender is an exported method
// nothing here calls. Whether a caller runs it while the receiver waits
// the package does not show.

type Client2 struct {
	mu    sync.Mutex
	awake chan struct{}
}

func (c *Client2) keepalive() {
	c.mu.Lock()
	<-c.awake
	c.mu.Unlock()
}

func (c *Client2) Stream() {
	c.mu.Lock()
	c.awake <- struct{}{} // want `communication deadlock: send on \(\*Client2\)\.awake while holding \(\*Client2\)\.mu; the receiver takes \(\*Client2\)\.mu first$`
	c.mu.Unlock()
}

func NewClient2() *Client2 {
	c := &Client2{awake: make(chan struct{})}
	go c.keepalive()
	return c
}

// A Wait under a lock the counted goroutine takes before its Done.

type Req struct {
	mu sync.Mutex
	n  int
}

func (r *Req) Start() {
	var wg sync.WaitGroup
	r.mu.Lock()
	wg.Add(1)
	go func() {
		r.mu.Lock()
		r.n++
		r.mu.Unlock()
		wg.Done()
	}()
	wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*Req\)\.mu; the goroutines it waits for take \(\*Req\)\.mu before Done; \(\*Req\)\.Start runs both at once$`
	r.mu.Unlock()
}

// The fixed twin: the goroutine says Done before it takes the lock, so
// the Wait does not wait for the lock.

type Req2 struct {
	mu sync.Mutex
	n  int
}

func (r *Req2) Start() {
	var wg sync.WaitGroup
	r.mu.Lock()
	wg.Add(1)
	go func() {
		wg.Done()
		r.mu.Lock()
		r.n++
		r.mu.Unlock()
	}()
	wg.Wait()
	r.mu.Unlock()
}
