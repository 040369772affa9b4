package unreleased

import "sync"

// committer hands the unlock of commitMu to a callback that flush runs
// later: the lock outlives commitSync on purpose.
type committer struct {
	commitMu sync.Mutex
	mu       sync.Mutex
	n        int
	pending  []func()
}

func (g *committer) commit(done func()) {
	g.mu.Lock()
	g.pending = append(g.pending, done)
	g.mu.Unlock()
}

func (g *committer) flush() {
	g.mu.Lock()
	p := g.pending
	g.pending = nil
	g.mu.Unlock()
	for _, f := range p {
		f()
	}
}

// goodCommitSync: the closure that unlocks commitMu leaves through commit,
// wrapped in another closure; whoever runs it releases the lock.
func (g *committer) goodCommitSync() {
	if g.n < 0 {
		return
	}
	g.commitMu.Lock()
	unblock := func() {
		defer g.commitMu.Unlock()
		g.n--
	}
	wrapped := func() {
		unblock()
		g.n++
	}
	g.commit(wrapped)
}

// badCommitLeaky has no closure that unlocks: its early path keeps the lock.
func (g *committer) badCommitLeaky(bad bool) {
	g.commitMu.Lock()
	if bad {
		return // want `lock not released: \(\*committer\)\.commitMu is still held when this path returns`
	}
	g.commitMu.Unlock()
}

// session is stopped once and left locked until it restarts.
type session struct {
	mu      sync.Mutex
	stopped bool
}

func (s *session) lockSession()   { s.mu.Lock() }
func (s *session) unlockSession() { s.mu.Unlock() }

// stop takes the lock only the first time; its callers pair it with an
// unlock.
func (s *session) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.lockSession()
}

func (s *session) goodMigrate() {
	s.stop()
	defer s.unlockSession()
}

// pause has the same shape, and no caller ever releases what it takes.
func (s *session) pause() {
	if s.stopped {
		return
	}
	s.lockSession()
} // want `lock not released: \(\*session\)\.mu is still held when this path returns and no caller unlocks it`

func (s *session) badPauseAll() {
	s.pause()
}

// halt takes the lock the first time, like stop; relocate passes halt's
// lock on (it neither releases it nor tests whether halt took it), and
// goodRestartAfterRelocate closes the pair: it releases, after relocate,
// what halt took through it.
func (s *session) halt() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.lockSession()
}

func (s *session) relocate() {
	s.halt()
}

func (s *session) goodRestartAfterRelocate() {
	defer s.unlockSession()
	s.relocate()
}

// freeze and hold have the shape of halt and relocate, and nothing ever
// releases what freeze takes.
func (s *session) freeze() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.lockSession()
} // want `lock not released: \(\*session\)\.mu is still held when this path returns and no caller unlocks it`

func (s *session) hold() {
	s.freeze()
}

func (s *session) badHoldAll() {
	s.hold()
}

// An untold helper's lock orders nothing: whether relocate left s.mu held
// is more than goodRelocateThenLog knows, so taking logMu after it and
// s.mu after logMu elsewhere is no lock-order cycle.
var logMu sync.Mutex

func (s *session) goodRelocateThenLog() {
	defer s.unlockSession()
	s.relocate()
	logMu.Lock()
	logMu.Unlock()
}

func (s *session) goodLogThenLock() {
	logMu.Lock()
	defer logMu.Unlock()
	s.lockSession()
	s.unlockSession()
}
