package analyzer

var waitInLoopCheck = &Check{
	Name:      "waitinloop",
	SplitFrom: "waitgroup",
	Title:     "WaitGroup.Wait inside the loop that starts the goroutines it counts, after an Add for all of them",
	Doc: `
One of waitgroup's claims, kept apart because it rests on the function's
own code alone: the function adds to its WaitGroup once, up front, for
every goroutine (Add(len(items))), then starts them in a loop and calls
Wait inside that loop. The first Wait waits for goroutines the loop has
not started yet, and the loop cannot go on to start them: Wait blocks
forever whenever the loop has a second iteration. Moving the Wait after
the loop (or adding one per goroutine, inside the loop, to run them one
at a time) silences it.`,
	Wrong: `
func (m *Manager) init() {
	var wg sync.WaitGroup
	wg.Add(len(m.plugins))
	for _, p := range m.plugins {
		go func() { defer wg.Done(); p.start() }()
		wg.Wait() // waits for plugins not started yet
	}
}`,
	Right: `
func (m *Manager) init() {
	var wg sync.WaitGroup
	wg.Add(len(m.plugins))
	for _, p := range m.plugins {
		go func() { defer wg.Done(); p.start() }()
	}
	wg.Wait()
}`,
}

// reportWaitInLoop reports a Wait w on name in the loop that starts (s)
// the goroutines name counts, after Adds made for all of them up front.
func (ps *passState) reportWaitInLoop(name string, w ChanOp, s *Spawn) {
	ps.report(ps.posOf(w.Chain), waitInLoopCheck,
		"WaitGroup.Wait inside the loop that starts the goroutines "+name+" counts: it waits for goroutines not started yet", w.Chain, s.Chain)
}
