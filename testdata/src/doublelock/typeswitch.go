package doublelock

import "sync"

// A recorder that locks only for the events it keeps: a type switch on the
// event returns before the Lock for the others, so a caller that holds the
// lock may record an event of a type the switch lets through unlocked.

type limitEvent interface{ isLimitEvent() }

type allowedEvent struct{ n int }

type deniedEvent struct{ why string }

func (allowedEvent) isLimitEvent() {}
func (deniedEvent) isLimitEvent()  {}

type limiter struct {
	mu     sync.Mutex
	tokens int
	denied []deniedEvent
}

func (l *limiter) record(ev limitEvent) {
	switch e := ev.(type) {
	case allowedEvent:
		return
	case deniedEvent:
		l.mu.Lock()
		l.denied = append(l.denied, e)
		l.mu.Unlock()
	}
}

func (l *limiter) Take() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tokens == 0 {
		return false
	}
	l.tokens--
	l.record(allowedEvent{n: l.tokens}) // the allowed case returns before locking
	return true
}

// The twin records the denial while it still holds the lock: the denied
// case locks it again.

func (l *limiter) TakeOrDeny() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tokens == 0 {
		l.record(deniedEvent{why: "empty"}) // want `double lock: \(\*limiter\).mu acquired while already held \(through \(\*limiter\).record\)`
		return false
	}
	l.tokens--
	return true
}
