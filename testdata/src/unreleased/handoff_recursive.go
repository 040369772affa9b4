package unreleased

import "sync"

// A session closer whose stop is part of a recursion: stopping first
// migrates the pending slots, and migrating a slot stops the session (a
// no-op the second time). The lock stop leaves held is released by the
// deferred restart of the function that made the closer, two calls up.
// Within the recursion, migrate is visited before stop: what stop leaves
// maybe held must already be in its summary then.
type engine struct {
	mu      sync.Mutex
	pending []*slot
	slots   []*slot
}

type slot struct{ moved bool }

type closer struct {
	e       *engine
	stopped bool
}

func (c *slot) migrate(s *closer) {
	s.stop()
	c.moved = true
}

func (e *engine) drain(s *closer) {
	for _, c := range e.pending {
		c.migrate(s)
	}
}

func (s *closer) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.e.drain(s)
	s.e.mu.Lock()
}

func (s *closer) maybeRestart() {
	if !s.stopped {
		return
	}
	s.e.mu.Unlock()
}

func (e *engine) update() {
	s := &closer{e: e}
	defer s.maybeRestart()
	for _, c := range e.slots {
		c.migrate(s)
	}
}

// A caller that stops the session on one of its returns only passes the
// lock on to its own callers as much as one that stops it on every return:
// the deferred resume two calls up releases it.
type board struct {
	mu    sync.Mutex
	cards []*card
}

type card struct{ kind int }

type pauser struct {
	b      *board
	paused bool
}

func (p *pauser) pause() {
	if p.paused {
		return
	}
	p.paused = true
	p.b.mu.Lock()
}

func (p *pauser) resume() {
	if !p.paused {
		return
	}
	p.b.mu.Unlock()
}

func (c *card) relocate(p *pauser) {
	if c.kind != 1 {
		return
	}
	p.pause()
	c.kind = 0
}

func (b *board) rebalance() {
	p := &pauser{b: b}
	defer p.resume()
	for _, c := range b.cards {
		c.relocate(p)
	}
}

// The recursion of the closer where the restart is forgotten: the lock
// stop takes stays held for good.
type leakyEngine struct {
	mu      sync.Mutex
	pending []*leakySlot
	slots   []*leakySlot
}

type leakySlot struct{ moved bool }

type leakyCloser struct {
	e       *leakyEngine
	stopped bool
}

func (c *leakySlot) migrate(s *leakyCloser) {
	s.stop()
	c.moved = true
}

func (e *leakyEngine) drain(s *leakyCloser) {
	for _, c := range e.pending {
		c.migrate(s)
	}
}

func (s *leakyCloser) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.e.drain(s)
	s.e.mu.Lock()
} // want `lock not released: \(\*leakyEngine\)\.mu is still held when this path returns and no caller unlocks it`

func (e *leakyEngine) update() {
	s := &leakyCloser{e: e}
	for _, c := range e.slots {
		c.migrate(s)
	}
}

// The pauser whose resume is forgotten: relocate passes the lock on, and
// no caller up the chain releases it.
type leakyBoard struct {
	mu    sync.Mutex
	cards []*leakyCard
}

type leakyCard struct{ kind int }

type leakyPauser struct {
	b      *leakyBoard
	paused bool
}

func (p *leakyPauser) pause() {
	if p.paused {
		return
	}
	p.paused = true
	p.b.mu.Lock()
} // want `lock not released: \(\*leakyBoard\)\.mu is still held when this path returns and no caller unlocks it`

func (c *leakyCard) relocate(p *leakyPauser) {
	if c.kind != 1 {
		return
	}
	p.pause()
	c.kind = 0
}

func (b *leakyBoard) rebalance() {
	p := &leakyPauser{b: b}
	for _, c := range b.cards {
		c.relocate(p)
	}
}
