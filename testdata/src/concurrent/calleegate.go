package concurrent

import "sync"

// The later side is a call whose callee reaches its order only under the
// lock the goroutine's body holds around its own: Cluster93.Shutdown write-locks
// rw and then nests p, r; the goroutine, Cluster93.Lag, nests r, p under
// rw's read lock. A writer excludes every reader: the two orders never run
// at once (the class-level cycle stays: R93.Lag and P93.Stop are exported,
// and callers may take them without rw). In the twin Shutdown nests without rw.

type P93 struct{ mu sync.Mutex }

type R93 struct {
	mu sync.Mutex
	p  *P93
}

func (r *R93) Lag() {
	r.mu.Lock()
	r.p.mu.Lock()
	r.p.mu.Unlock()
	r.mu.Unlock()
}

func (p *P93) Stop(r *R93) {
	p.mu.Lock()
	r.mu.Lock() // want `lock-order cycle: \(\*R93\)\.mu acquired while holding \(\*P93\)\.mu; \(\*R93\)\.Lag takes them in the opposite order$`
	r.mu.Unlock()
	p.mu.Unlock()
}

type Cluster93 struct {
	rw sync.RWMutex
	p  *P93
	r  *R93
}

func (c *Cluster93) Lag() {
	c.rw.RLock()
	defer c.rw.RUnlock()
	c.r.Lag()
}

func (c *Cluster93) Shutdown() {
	c.rw.Lock()
	defer c.rw.Unlock()
	c.p.Stop(c.r)
}

func RunCluster93(c *Cluster93) {
	go c.Lag()
	c.Shutdown()
}

type P94 struct{ mu sync.Mutex }

type R94 struct {
	mu sync.Mutex
	p  *P94
}

func (r *R94) Lag() {
	r.mu.Lock()
	r.p.mu.Lock()
	r.p.mu.Unlock()
	r.mu.Unlock()
}

func (p *P94) Stop(r *R94) {
	p.mu.Lock()
	r.mu.Lock() // want `lock-order cycle: \(\*R94\)\.mu acquired while holding \(\*P94\)\.mu; \(\*R94\)\.Lag takes them in the opposite order; RunCluster94 runs both at once$`
	r.mu.Unlock()
	p.mu.Unlock()
}

type Cluster94 struct {
	rw sync.RWMutex
	p  *P94
	r  *R94
}

func (c *Cluster94) Lag() {
	c.rw.RLock()
	defer c.rw.RUnlock()
	c.r.Lag()
}

func (c *Cluster94) Shutdown() {
	c.p.Stop(c.r)
}

func RunCluster94(c *Cluster94) {
	go c.Lag()
	c.Shutdown()
}
