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
way. sync.Mutex is not reentrant: the second Lock blocks forever. No call,
summary or receiver identity across calls is part of the claim, only the
function's paths; doublelock keeps the second acquisitions made through
calls.`,
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
