package guards

import (
	"sync"
	"sync/atomic"
)

// WaitGroup counts are path-sensitive on the function's branch conditions:
// a flag that holds exactly while a Done is owed correlates the Done with
// its Add. Conditions on fields are undecided: a claim that a Done is
// missed is made only when some path misses it whatever the fields hold.

// goodFlagBothWays counts down under f or under !f: never neither.
func goodFlagBothWays(wg *sync.WaitGroup, fast func() bool, work func()) {
	wg.Add(1)
	go func() {
		f := fast()
		if f {
			wg.Done()
		}
		work()
		if !f {
			wg.Done()
		}
	}()
	wg.Wait()
}

// badFlagOneWay counts down twice under f and never under !f.
func badFlagOneWay(wg *sync.WaitGroup, fast func() bool, work func()) {
	wg.Add(1)
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine wg counts`
		f := fast()
		if f {
			wg.Done()
		}
		work()
		if f {
			wg.Done()
		}
	}()
	wg.Wait()
}

// goodDoneFlag sets done with the early Done and tests it before the late
// one: exactly one of them runs.
func goodDoneFlag(wg *sync.WaitGroup, step func() error, cleanup func()) {
	wg.Add(1)
	go func() {
		done := false
		if err := step(); err == nil {
			wg.Done()
			done = true
		}
		cleanup()
		if !done {
			wg.Done()
		}
	}()
	wg.Wait()
}

// badDoneFlag sets the flag on the wrong branch: a failed step counts
// down neither early nor late.
func badDoneFlag(wg *sync.WaitGroup, step func() error, cleanup func()) {
	wg.Add(1)
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine wg counts`
		done := false
		if err := step(); err == nil {
			wg.Done()
		} else {
			done = true
		}
		cleanup()
		if !done {
			wg.Done()
		}
	}()
	wg.Wait()
}

// goodOwnFlag counts its own WaitGroup down under f or under !f: the Wait
// has as many Dones as Adds.
func goodOwnFlag(fast func() bool, work func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	f := fast()
	if f {
		wg.Done()
	}
	work()
	if !f {
		wg.Done()
	}
	wg.Wait()
}

// badOwnFlag counts down only under f.
func badOwnFlag(fast func() bool, work func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	f := fast()
	if f {
		wg.Done()
	}
	work()
	if f {
		work()
	}
	wg.Wait() // want `WaitGroup.Wait blocks forever: Done is called fewer times than Add`
}

// Pool counts its workers; what closing and stopped hold, the model cannot
// tell.
type Pool struct {
	wg      sync.WaitGroup
	closing bool
	stopped atomic.Bool
}

// release counts down unless the pool is closing.
func (p *Pool) release() {
	if p.closing {
		return
	}
	p.wg.Done()
}

// goodFieldGuard: the Done is missed only if p.closing holds, which
// nothing here decides.
func (p *Pool) goodFieldGuard(work func()) {
	p.wg.Add(1)
	go func() {
		defer p.release()
		work()
	}()
	p.wg.Wait()
}

// goodAtomicGuard: the same with an atomic flag read inline.
func (p *Pool) goodAtomicGuard(work func()) {
	p.wg.Add(1)
	go func() {
		work()
		if p.stopped.Load() {
			return
		}
		p.wg.Done()
	}()
	p.wg.Wait()
}

// badFieldGuardAndError also returns early on an error: that path misses
// the Done whatever p.closing holds.
func (p *Pool) badFieldGuardAndError(work func() error) {
	p.wg.Add(1)
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine \(\*Pool\)\.wg counts`
		if p.closing {
			return
		}
		if work() != nil {
			return
		}
		p.wg.Done()
	}()
	p.wg.Wait()
}

// Tracked is counted only when tracked is set; the same field guards its
// Add and its Done.
type Tracked struct {
	wg      *sync.WaitGroup
	tracked bool
}

func (c *Tracked) finish() {
	if c.tracked {
		c.wg.Done()
	}
}

// goodTrackedField adds and finishes under c.tracked.
func goodTrackedField(c *Tracked, work func()) {
	if c.tracked {
		c.wg.Add(1)
	}
	go func() {
		defer c.finish()
		work()
	}()
	c.wg.Wait()
}

// badTrackedFieldError finishes only on success.
func badTrackedFieldError(c *Tracked, work func() error) {
	if c.tracked {
		c.wg.Add(1)
	}
	go func() { // want `WaitGroup.Done not reached on every path of the goroutine \(\*Tracked\)\.wg counts`
		if work() != nil {
			return
		}
		c.finish()
	}()
	c.wg.Wait()
}
