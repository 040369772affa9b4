package analyzer

import "strings"

var endlessWaitCheck = &Check{
	Name:  "endlesswait",
	Title: "Cond.Wait in a loop whose condition nothing changes: no wakeup ends it",
	Doc: `
A Cond.Wait belongs in a loop that re-checks a condition other goroutines
change under the Cond's lock. When the loop's condition reads only local
variables that nothing changes after their declaration (no assignment, no
address taken, no closure writing them), and the loop body has no break,
return or panic, the condition is as true after every wakeup as it was
when the loop was entered: the Wait is reached again each time, and the
goroutine never gets past it, however often the Cond is signalled. The
loop meant to test shared state (a field under the lock) or a variable the
body updates; it tests neither. A loop whose condition is only a constant
(for true) is an infinite loop on purpose and is not reported.`,
	Wrong: `
func (w *Watcher) Remove() {
	w.mu.Lock()
	defer w.mu.Unlock()
	exists := true
	for exists {
		w.cv.Wait() // exists never changes: waits forever
	}
}`,
	Right: `
func (w *Watcher) Remove() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.watching {
		w.cv.Wait()
	}
}`,
}

// checkFixedWaits reports every fixed wait of the package (fixedloops.go).
func (ps *passState) checkFixedWaits() {
	for _, fw := range ps.fixedWaits() {
		var names []string
		for _, v := range fw.vars {
			names = append(names, v.Name())
		}
		cond := strings.Join(names, ", ")
		chain := Chain{{Pos: ps.position(fw.loop.Pos()), What: "the loop goes round while its condition holds; it reads " + cond + ", which nothing in the loop or elsewhere changes"}}
		for _, v := range fw.vars {
			chain = append(chain, Hop{Pos: ps.position(v.Pos()), What: v.Name() + " is declared here and never assigned again"})
		}
		ps.report(fw.wait.Pos(), endlessWaitCheck,
			"Cond.Wait in a loop that never ends: its condition ("+cond+") never changes, so every wakeup comes back to this Wait", chain)
	}
}
