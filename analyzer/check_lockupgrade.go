package analyzer

var lockUpgradeCheck = &Check{
	Name:  "lockupgrade",
	Title: "an RWMutex write-locked while read-held (read-to-write upgrade)",
	Doc: `
sync.RWMutex has no upgrade: Lock waits for every reader to leave,
including the goroutine that asks, so it waits forever. Release the
read lock first and re-check the condition under the write lock.`,
	Wrong: `
func (c *Cache) Load(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if _, ok := c.m[k]; !ok {
		c.mu.Lock() // waits for our own read lock
		c.m[k] = fetch(k)
		c.mu.Unlock()
	}
	return c.m[k]
}`,
	Right: `
func (c *Cache) Load(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		c.mu.Lock()
		if v, ok = c.m[k]; !ok {
			v = fetch(k)
			c.m[k] = v
		}
		c.mu.Unlock()
	}
	return v
}`,
}

func (ps *passState) reportLockUpgrade(c conflict) {
	ps.report(c.pos, lockUpgradeCheck, "read-to-write upgrade: "+c.res+" write-locked while read-held"+c.suffix(), c.held, c.acq)
}
