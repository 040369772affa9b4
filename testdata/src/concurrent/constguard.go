package concurrent

import "sync"

// The goroutine calls sweep(false), whose Shard -> Cache nesting happens
// only when its account parameter is true: it never takes that order.
// The twin's goroutine calls sweep(true).

type ShardCG struct {
	mu sync.Mutex
	n  int
}

type CacheCG struct {
	mu      sync.Mutex
	shards  []*ShardCG
	expired int
}

func (c *CacheCG) sweep(account bool) {
	for _, s := range c.shards {
		s.mu.Lock()
		s.n = 0
		if account {
			c.mu.Lock()
			c.expired++
			c.mu.Unlock()
		}
		s.mu.Unlock()
	}
}

func (c *CacheCG) Compact() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.sweep(false)
	}()
	c.mu.Lock()
	for _, s := range c.shards {
		s.mu.Lock() // want `lock-order cycle: \(\*ShardCG\)\.mu acquired while holding \(\*CacheCG\)\.mu; \(\*CacheCG\)\.sweep takes them in the opposite order$`
		s.n++
		s.mu.Unlock()
	}
	c.mu.Unlock()
	<-done
}

// Expire sweeps with accounting, but runs alone.
func (c *CacheCG) Expire() { c.sweep(true) }

type ShardCGOn struct {
	mu sync.Mutex
	n  int
}

type CacheCGOn struct {
	mu      sync.Mutex
	shards  []*ShardCGOn
	expired int
}

func (c *CacheCGOn) sweep(account bool) {
	for _, s := range c.shards {
		s.mu.Lock()
		s.n = 0
		if account {
			c.mu.Lock()
			c.expired++
			c.mu.Unlock()
		}
		s.mu.Unlock()
	}
}

func (c *CacheCGOn) Compact() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.sweep(true)
	}()
	c.mu.Lock()
	for _, s := range c.shards {
		s.mu.Lock() // want `lock-order cycle: \(\*ShardCGOn\)\.mu acquired while holding \(\*CacheCGOn\)\.mu; \(\*CacheCGOn\)\.sweep takes them in the opposite order; \(\*CacheCGOn\)\.Compact runs both at once$`
		s.n++
		s.mu.Unlock()
	}
	c.mu.Unlock()
	<-done
}
