package ownership

import "sync"

// --- no cross-goroutine wait on a fresh object's lock ---

// Feed delivers events to a run loop that counts its polls under mu.
type Feed struct {
	mu     sync.Mutex
	polls  int
	sent   int
	events chan string
}

// NewFeed starts the run loop.
func NewFeed() *Feed {
	f := &Feed{events: make(chan string)}
	go f.run()
	return f
}

// run locks f.mu before each receive.
func (f *Feed) run() {
	for range f.events {
		f.mu.Lock()
		f.polls++
		f.mu.Unlock()
	}
}

// fork sends on the shared channel while holding the lock of a Feed it has
// just made: the run loop locks its own Feed, never this one, so the send
// waits for no one who waits for the lock.
func (f *Feed) fork(e string) {
	c := &Feed{events: f.events}
	c.mu.Lock()
	c.sent++
	c.events <- e
	c.mu.Unlock()
}

// badPublish sends while holding its own Feed's lock, which the run loop
// takes before each receive.
func (f *Feed) badPublish(e string) {
	f.mu.Lock()
	f.sent++
	f.events <- e // want `communication deadlock: send on \(\*Feed\)\.events while holding \(\*Feed\)\.mu`
	f.mu.Unlock()
}
