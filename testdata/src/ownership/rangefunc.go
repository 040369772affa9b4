package ownership

import (
	"strings"
	"sync"
)

// --- range-over-func bodies ---

type Config struct {
	mu   sync.Mutex
	keys map[string]bool
}

// addAll unlocks inside the body of a range over an iterator before it
// returns early: the lock is released on every path.
func (c *Config) addAll(s string) bool {
	c.mu.Lock()
	for k := range strings.SplitSeq(s, ",") {
		if k == "" {
			c.mu.Unlock()
			return false
		}
		c.keys[k] = true
	}
	c.mu.Unlock()
	return true
}

// addAllDeferred unlocks with a defer: the early return out of the body
// runs it too.
func (c *Config) addAllDeferred(s string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range strings.SplitSeq(s, ",") {
		if k == "" {
			return false
		}
		c.keys[k] = true
	}
	return true
}

// badLockInBody locks inside the body what the enclosing function holds:
// the body runs in this goroutine, under the lock.
func (c *Config) badLockInBody(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range strings.SplitSeq(s, ",") { // want `double lock: \(\*Config\)\.mu acquired while already held`
		c.mu.Lock()
		c.keys[k] = true
		c.mu.Unlock()
	}
}

// addAllThenLock relocks after the loop: no double lock either.
func (c *Config) addAllThenLock(s string) {
	c.mu.Lock()
	for k := range strings.SplitSeq(s, ",") {
		if k == "x" {
			c.mu.Unlock()
			c.mu.Lock()
		}
		c.keys[k] = true
	}
	c.mu.Unlock()
}

// badAddAll forgets the Unlock on the early return out of the loop body.
func (c *Config) badAddAll(s string) bool {
	c.mu.Lock()
	for k := range strings.SplitSeq(s, ",") {
		if k == "" {
			return false // want `lock not released: \(\*Config\)\.mu is still held when this path returns`
		}
		c.keys[k] = true
	}
	c.mu.Unlock()
	return true
}
