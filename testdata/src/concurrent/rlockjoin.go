package concurrent

import (
	"context"
	"sync"
)

// The reader goroutine and the writer do not run at once when the
// starter writes only in the body of the select case that took the
// reader's result (the other case returns), or when the goroutine reads
// only a catalog it made itself and showed to nobody. The twins write
// after a select whose other case falls through, and read the shared
// catalog.

type Catalog10 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func NewCatalog10() *Catalog10 { return &Catalog10{tables: map[string]int{}} }

func (c *Catalog10) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog10) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog10) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog10\)\.mu read-locked while already read-held \(through \(\*Catalog10\)\.count\)$`
}

func RunSelectJoined(ctx context.Context, c *Catalog10) (int, error) {
	res := make(chan int, 1)
	go func() { res <- c.Describe("t") }()
	var n int
	select {
	case n = <-res:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	c.add("t")
	return n, nil
}

type Catalog11 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func (c *Catalog11) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog11) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog11) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog11\)\.mu read-locked while already read-held \(through \(\*Catalog11\)\.count\); RunSelectFallsThrough runs a writer at once \(\(\*Catalog11\)\.add\)$`
}

func RunSelectFallsThrough(ctx context.Context, c *Catalog11) int {
	res := make(chan int, 1)
	go func() { res <- c.Describe("t") }()
	n := 0
	select {
	case n = <-res:
	case <-ctx.Done():
	}
	c.add("t")
	return n
}

type Catalog12 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func (c *Catalog12) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog12) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog12) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog12\)\.mu read-locked while already read-held \(through \(\*Catalog12\)\.count\); RunSharedCatalog runs a writer at once \(\(\*Catalog12\)\.add\)$`
}

func RunSharedCatalog(shared *Catalog12) int {
	res := make(chan int)
	go func() {
		res <- shared.Describe("t")
	}()
	shared.add("t")
	return <-res
}

type Catalog13 struct {
	mu     sync.RWMutex
	tables map[string]int
}

func NewCatalog13() *Catalog13 { return &Catalog13{tables: map[string]int{}} }

func (c *Catalog13) add(name string) {
	c.mu.Lock()
	c.tables[name]++
	c.mu.Unlock()
}

func (c *Catalog13) count(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tables[name]
}

func (c *Catalog13) Describe(name string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count(name) // want `recursive read lock: \(\*Catalog13\)\.mu read-locked while already read-held \(through \(\*Catalog13\)\.count\)$`
}

func RunOwnCatalog(shared *Catalog13) int {
	res := make(chan int)
	go func() {
		mine := NewCatalog13()
		res <- mine.Describe("t")
	}()
	shared.add("t")
	return <-res
}
