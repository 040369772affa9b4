package lockorder

import (
	"sync"
	"time"
)

// A field the package never assigns is nil on every read (a hook only
// tests set): a branch on its nil-ness goes one way, and what lies past
// the other edge never runs.

type timerSource interface {
	AfterFunc(d time.Duration, f func()) *time.Timer
}

// fakeClock implements timerSource by taking its own lock, and calls back
// into its events under it. The events are made with the clock (a field
// of struct type), never on their own.
type fakeClock struct {
	mu     sync.Mutex
	events events
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) *time.Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	return nil
}

func (c *fakeClock) Advance() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events.fire()
}

func newFakeClock() *fakeClock {
	return &fakeClock{}
}

type events struct {
	mu    sync.Mutex
	clock timerSource // never assigned: always nil
}

func (e *events) fire() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.schedule()
}

// schedule returns at once: clock is nil on every read, so fakeClock's
// lock is never taken under events.mu.
func (e *events) schedule() {
	if e.clock == nil {
		return
	}
	e.clock.AfterFunc(time.Second, func() {})
}

// The twin: a field the package assigns may be non-nil, and its branch may
// be taken.

type otherClock struct {
	mu     sync.Mutex
	events *otherEvents
}

func (c *otherClock) AfterFunc(d time.Duration, f func()) *time.Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	return nil
}

func (c *otherClock) Advance() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events.fire()
}

type otherEvents struct {
	mu    sync.Mutex
	clock *otherClock // assigned by newOtherClock
}

func newOtherClock() *otherClock {
	c := &otherClock{}
	c.events = &otherEvents{clock: c}
	return c
}

func (e *otherEvents) fire() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.schedule() // want `lock-order cycle: \(\*otherClock\)\.mu acquired while holding \(\*otherEvents\)\.mu`
}

func (e *otherEvents) schedule() {
	if e.clock == nil {
		return
	}
	e.clock.AfterFunc(time.Second, func() {})
}
