package concurrent

import "sync"

// A writer that runs beside the reader on a catalog just made and shown
// to nobody, or only after a call that waited for its reader goroutine to
// end, never waits between the reader's two read locks.

type Catalog3 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func NewCatalog3() *Catalog3 { return &Catalog3{tables: map[string]int{}} }

func (c *Catalog3) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog3) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog3) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog3\)\.mu read-locked while already read-held \(through \(\*Catalog3\)\.count\)$`
}

// RunFreshWriter writes only a catalog it has just made while the
// goroutine reads the shared one.
func RunFreshWriter(shared *Catalog3) int {
	done := make(chan struct{})
	go func() {
		defer close(done)
		shared.Describe("t")
	}()
	local := NewCatalog3()
	local.add("l")
	<-done
	return local.count("l")
}

type Catalog6 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func (c *Catalog6) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog6) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog6) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog6\)\.mu read-locked while already read-held \(through \(\*Catalog6\)\.count\)$`
}

// readJoined starts a reader and waits for it before it returns.
func readJoined(c *Catalog6) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Describe("t")
	}()
	<-done
}

func RunAfterJoined(c *Catalog6) {
	readJoined(c)
	c.add("t")
}

// The twins: the starter writes the shared catalog while its reader runs,
// and a call that returns with its reader still running.

type Catalog4 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func (c *Catalog4) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog4) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog4) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog4\)\.mu read-locked while already read-held \(through \(\*Catalog4\)\.count\); RunSharedWriter runs a writer at once \(\(\*Catalog4\)\.add\)$`
}

func RunSharedWriter(shared *Catalog4) int {
	done := make(chan struct{})
	go func() {
		defer close(done)
		shared.Describe("t")
	}()
	shared.add("l")
	<-done
	return shared.count("l")
}

type Catalog5 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func (c *Catalog5) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog5) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog5) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog5\)\.mu read-locked while already read-held \(through \(\*Catalog5\)\.count\); RunAfterStarted runs a writer at once \(\(\*Catalog5\)\.add\)$`
}

// readStarted returns with its reader still running.
func readStarted(c *Catalog5) {
	go func() {
		c.Describe("t")
	}()
}

func RunAfterStarted(c *Catalog5) {
	readStarted(c)
	c.add("t")
}
