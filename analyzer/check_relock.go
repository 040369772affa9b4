package analyzer

var relockCheck = &Check{
	Name:      "relock",
	SplitFrom: "doublelock",
	Title:     "a mutex locked twice by one function, by the same name, with no unlock between",
	Doc: `
One of doublelock's claims, kept apart because it rests on one function's
own code alone: the function locks a mutex, and on a path with no unlock
of it (later in the function, or on the next turn of a loop, after a
continue that skips the Unlock) locks the same mutex again, named the same
way (the same chain of fields from the same parameter, variable or
allocation). sync.Mutex is not reentrant: the second Lock blocks forever.
Neither acquisition goes through a call, and no call nothing resolves and
no Unlock of a lock named another way lies between them, and its Unlock
was not stored in a field or a package variable (n.OnStarted =
mu.Unlock, a closure that unlocks) where another goroutine may call it:
a mutex used as a one-shot signal; doublelock keeps the rest, with its own
doubts about what calls between may release. A loop that runs a state
machine (switch st { case lockPhase: mu.Lock(); st = applyPhase ... })
reaches its Lock again only if the states its turns move to, constants
or the state unchanged, lead back to the Lock's case. A range-over-func
body is one turn of its loop: the iterator calls it again for the next
element, so a Lock of the body that a continue (or a defer, which runs
only when the enclosing function returns) leaves held is taken again by
the next call.`,
	Wrong: `
func (p *Proxy) Run() {
	for i := 0; i < 2; i++ {
		p.mu.Lock()
		if err := p.dial(); err != nil {
			continue // p.mu is still held on the next turn
		}
		p.mu.Unlock()
	}
}`,
	Right: `
func (p *Proxy) Run() {
	for i := 0; i < 2; i++ {
		p.mu.Lock()
		if err := p.dial(); err != nil {
			p.mu.Unlock()
			continue
		}
		p.mu.Unlock()
	}
}`,
}

func (ps *passState) reportRelock(c conflict) {
	ps.report(c.pos, relockCheck, "double lock: "+c.res+" locked again by this function while it holds it"+c.suffix(), c.held, c.acq)
}
