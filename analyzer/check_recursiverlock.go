package analyzer

import "golang.org/x/tools/go/ssa"

var recursiveRLockCheck = &Check{
	Name:  "recursiverlock",
	Title: "an RWMutex read-locked again while already read-held",
	Doc: `
A recursive RLock deadlocks as soon as a writer calls Lock between the
two RLock calls: the writer waits for the first reader, and the second
RLock waits behind the writer. It works in tests and hangs under load.
An object the function made and has not yet let any other goroutine
reach has no writer to fear, and is not reported; nor is an RWMutex only
this package can write-lock whose every writer holds, for writing, an
outer lock the reader holds all the while (or holds for reading while the
reader holds it for writing): the writer waits for the outer lock first.`,
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

// dropWriterless drops the recursive read locks of RWMutexes that nothing
// write-locks: a second RLock blocks only behind a queued writer, and a lock
// only this package can reach, which no function here write-locks (directly
// or through what it calls), never has one; nor one whose every writer an
// outer lock keeps out (outerguard.go).
func (ps *passState) dropWriterless() {
	written := ps.written       // direct Locks, closures' captured locks included
	for _, s := range ps.sums { // and Locks through calls, rewritten
		if s == nil {
			continue
		}
		for _, a := range s.Acquires {
			if a.Mode == Write {
				written[a.Ref.Class.Key] = true
			}
		}
	}
	var callers, callersW map[*ssa.Function]map[string]bool
	kept := ps.findings[:0]
	for _, f := range ps.findings {
		if f.readOnly != "" && !written[f.readOnly] {
			continue
		}
		if f.readOnly != "" && len(ps.guardedWrites[f.readOnly]) > 0 {
			if callers == nil {
				callers, callersW = ps.callersHold(false), ps.callersHold(true)
			}
			if ps.outerGuarded(&f, callers, callersW) {
				continue // an outer lock keeps every writer out (outerguard.go)
			}
		}
		kept = append(kept, f)
	}
	ps.findings = kept
}
