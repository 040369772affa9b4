package waitgroup

import "sync"

// resPool counts live resources, not goroutines: construct adds one, and
// the count is given back by the constructor goroutine when construction
// fails, or by destroy, synchronously, when the resource goes away.
type resPool struct {
	mu   sync.Mutex
	live sync.WaitGroup
	n    int
}

func (p *resPool) goodConstruct(build func() bool) {
	p.live.Add(1)
	go func() {
		if !build() {
			p.live.Done()
			return
		}
		p.mu.Lock()
		p.n++
		p.mu.Unlock()
	}()
}

func (p *resPool) destroy() {
	p.mu.Lock()
	p.n--
	p.mu.Unlock()
	p.live.Done()
}

func (p *resPool) close() { p.live.Wait() }

// jobPool counts goroutines: nothing but the goroutine gives its count back,
// and its success path forgets to.
type jobPool struct {
	mu   sync.Mutex
	jobs sync.WaitGroup
	n    int
}

func (p *jobPool) badRun(job func() bool) {
	p.jobs.Add(1)
	go func() { // want `WaitGroup\.Done not reached on every path of the goroutine`
		if !job() {
			p.jobs.Done()
			return
		}
		p.mu.Lock()
		p.n++
		p.mu.Unlock()
	}()
}

func (p *jobPool) close() { p.jobs.Wait() }
