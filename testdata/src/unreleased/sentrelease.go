package unreleased

import "sync"

// A path that sends the release to a worker (a closure that unlocks, now
// or deferred) or appends it to hooks that another method runs hands the
// lock over: it is not left held. The twins send a closure that releases
// nothing.

type persisted struct {
	mu    sync.Mutex
	exp   int
	hooks []func()
}

func (p *persisted) sync(persist chan<- func(), async bool) {
	p.mu.Lock()
	if !async {
		p.exp++
		p.mu.Unlock()
		return
	}
	persist <- func() {
		defer p.mu.Unlock()
		p.exp++
	}
}

func (p *persisted) begin(closed bool) {
	p.mu.Lock()
	if closed {
		p.mu.Unlock()
		return
	}
	p.hooks = append(p.hooks, p.mu.Unlock)
}

func (p *persisted) end() {
	hs := p.hooks
	p.hooks = nil
	for _, h := range hs {
		h()
	}
}

func (p *persisted) syncForgets(persist chan<- func(), async bool) {
	p.mu.Lock()
	if !async {
		p.exp++
		p.mu.Unlock()
		return
	}
	persist <- func() {
		p.exp++
	}
} // want `lock not released: \(\*persisted\)\.mu is still held when this path returns`
