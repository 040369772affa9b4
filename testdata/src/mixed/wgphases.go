package mixed

import "sync"

// A WaitGroup used in two phases: the goroutines of the first phase (which
// take the lock) are all done once the first Wait returns, so the second
// Wait, made while holding the lock, waits only for the second phase's
// goroutine, which takes no lock. The twin skips the first Wait on one
// path: there the second Wait may wait for a goroutine that needs the lock.

type phased struct {
	mu sync.Mutex
	n  int
}

func (p *phased) bump() {
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
}

func (p *phased) twoPhases() {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Go(func() { p.bump() })
	}
	wg.Wait()
	p.mu.Lock()
	wg.Go(func() {})
	wg.Wait()
	p.mu.Unlock()
}

func (p *phased) twoPhasesSkipped(quick bool) {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Go(func() { p.bump() })
	}
	if !quick {
		wg.Wait()
	}
	p.mu.Lock()
	wg.Go(func() {})
	wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*phased\).mu; the goroutines it waits for take \(\*phased\).mu before Done`
	p.mu.Unlock()
}
