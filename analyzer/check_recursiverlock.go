package analyzer

var recursiveRLockCheck = &Check{
	Name:  "recursiverlock",
	Title: "an RWMutex read-locked again while already read-held",
	Doc: `
A recursive RLock deadlocks as soon as a writer calls Lock between the
two RLock calls: the writer waits for the first reader, and the second
RLock waits behind the writer. It works in tests and hangs under load.`,
	Wrong: `
func (c *Cache) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.lookup(k) // lookup RLocks c.mu again
}

func (c *Cache) lookup(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}`,
	Right: `
func (c *Cache) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}`,
}

func (ps *passState) reportRecursiveRLock(c conflict) {
	ps.report(c.pos, recursiveRLockCheck, "recursive read lock: "+c.res+" read-locked while already read-held"+c.suffix(), c.held, c.acq)
}
