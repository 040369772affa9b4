package ownership

import (
	"strings"
	"sync"
)

// --- range-over-func bodies ---

type Config struct {
	mu   sync.Mutex
	rw   sync.RWMutex
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

// A defer in the body belongs to the enclosing function: the Unlock the
// body defers runs when lookup returns, from inside the loop or after it.
func (c *Config) lookup(s string) bool {
	for k := range strings.SplitSeq(s, ",") {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.keys[k]
	}
	return false
}

// A read lock, in loops nested two deep: the inner body's defer is the
// enclosing function's as well.
func (c *Config) lookupPairs(s string) bool {
	for part := range strings.SplitSeq(s, ";") {
		for k := range strings.SplitSeq(part, ",") {
			c.rw.RLock()
			defer c.rw.RUnlock()
			return c.keys[k]
		}
	}
	return false
}

// The twin returns from the body after a lock it defers nothing for.
func (c *Config) lookupHeld(s string) bool {
	for k := range strings.SplitSeq(s, ",") {
		c.mu.Lock()
		return c.keys[k] // want `lock not released: \(\*Config\)\.mu is still held when this path returns`
	}
	return false
}

// The nested twin: reported at the enclosing function's return, whose
// name the witness gives (the bodies' exits are not returns).
func (c *Config) lookupPairsHeld(s string) bool {
	for part := range strings.SplitSeq(s, ";") {
		for k := range strings.SplitSeq(part, ",") {
			c.rw.RLock()
			return c.keys[k] // want `lock not released: \(\*Config\)\.rw is still held when this path returns`
		}
	}
	return false
}
