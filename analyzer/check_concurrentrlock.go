package analyzer

import "slices"

var concurrentRLockCheck = &Check{
	Name:      "concurrentrlock",
	SplitFrom: "recursiverlock",
	Title:     "an RWMutex read-locked again while a goroutine started beside it write-locks it",
	Doc: `
The recursive read lock of recursiverlock, claimed only where the package
itself shows a writer running at once: one function starts a goroutine
that reaches the read-locking code and, after the go statement on every
path, reaches code that write-locks the same RWMutex (or the other way
round, or one go statement in a loop starts both), unless the later of the
two runs on an object the function has just made and shown to nobody
else (which the goroutine started before cannot reach). Once that writer calls
Lock between the two RLock calls, it waits for the first reader and the
second RLock waits behind it: both goroutines stop. The finding's chain
ends with the function that starts them.`,
	Wrong: `
func (c *Cache) Run() {
	go c.refresh() // c.mu.Lock() in a loop
	c.Get("k")     // RLock, then lookup RLocks c.mu again
}`,
	Right: `
func (c *Cache) Run() {
	go c.refresh()
	c.Get("k") // RLock once; lookup expects it held
}`,
}

// witnessWriters turns each recursive read lock whose lock some function
// of this package write-locks while a goroutine started beside it reads
// (concurrent.go) into a concurrentrlock finding, with that witness.
func (ps *passState) witnessWriters() {
	writers := make(map[string][]side) // class -> functions that write-lock it
	for i := range ps.findings {
		if f := &ps.findings[i]; f.check == recursiveRLockCheck && f.rlock != "" {
			writers[f.rlock] = nil
		}
	}
	if len(writers) == 0 {
		return
	}
	for _, fn := range ps.graph.Funcs() { // in a fixed order: the first witness is shown
		sum := ps.sums[fn]
		if sum == nil {
			continue
		}
		for _, a := range sum.Acquires {
			if _, ok := writers[a.Ref.Class.Key]; ok && a.Mode == Write {
				s := side{fn: fn}
				if len(a.Chain) > 0 {
					s.pos = a.Chain[0].Pos
				}
				if !slices.ContainsFunc(writers[a.Ref.Class.Key], func(o side) bool { return o.fn == fn }) {
					writers[a.Ref.Class.Key] = append(writers[a.Ref.Class.Key], s)
				}
			}
		}
	}
	for i := range ps.findings {
		f := &ps.findings[i]
		if f.check != recursiveRLockCheck || f.rlock == "" {
			continue
		}
		for _, w := range writers[f.rlock] {
			// (the later side on objects its function alone can reach
			// takes no lock the goroutine started before can: separate.go)
			classes := []string{f.rlock}
			if wit, ok := ps.concurrentlyUnless(f.rlockSide, w, func(wit spawnWitness) bool { return ps.separateObjects(wit, classes) }); ok {
				f.check = concurrentRLockCheck
				f.message += "; " + ps.unqualify(ps.name(wit.fn)) + " runs a writer at once (" + ps.unqualify(ps.name(w.fn)) + ")"
				f.hops = wit.after(ps, f.hops)
				break
			}
		}
	}
}
