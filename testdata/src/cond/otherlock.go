package cond

import "sync"

// A call between the check and the Wait that takes and lets go a lock of
// its own (a logger's, behind a wrapper that locks only when enabled)
// opens no window on the Cond's lock; one that lets go of the Cond's lock
// does.

type switchedMutex struct {
	mu  sync.Mutex
	off bool
}

func (s *switchedMutex) Lock() {
	if !s.off {
		s.mu.Lock()
	}
}

func (s *switchedMutex) Unlock() {
	if !s.off {
		s.mu.Unlock()
	}
}

type journal struct {
	mu    switchedMutex
	lines []string
}

var jrnl = &journal{}

func logLine(s string) {
	jrnl.mu.Lock()
	defer jrnl.mu.Unlock()
	jrnl.lines = append(jrnl.lines, s)
}

// Door opens once; openDoor sets open under mu and broadcasts.
type Door struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

func NewDoor() *Door {
	g := &Door{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *Door) openDoor() {
	g.mu.Lock()
	g.open = true
	g.cond.Broadcast()
	g.mu.Unlock()
}

// letGo lets go of the door's lock.
func (g *Door) letGo() {
	logLine("letting go")
	g.mu.Unlock()
}

// goodLogsUnder logs between its check and its Wait; the logger's lock is
// not the door's.
func (g *Door) goodLogsUnder() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.open {
		logLine("waiting")
		g.cond.Wait()
	}
}

// badLetsGo calls a method that lets go of the door's lock between the
// check and the Wait: openDoor can run in that window.
func (g *Door) badLetsGo() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.open {
		g.letGo()
		logLine("waiting")
		g.mu.Lock()
		g.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	}
}
