package doublelock

import (
	"sync"
	"time"
)

// A lock whose Unlock is handed to someone else as a function may be
// released by them, now or from another goroutine: a second Lock then
// waits for that release rather than for itself.

type lease struct {
	mu, other sync.Mutex
	expire    func()
}

// renewLater hands the release to a timer: the second Lock waits for it.
func (l *lease) renewLater() {
	l.mu.Lock()
	time.AfterFunc(time.Millisecond, l.mu.Unlock)
	l.mu.Lock()
	l.mu.Unlock()
}

// releaseOnce releases through sync.OnceFunc's wrapper.
func (l *lease) releaseOnce() {
	l.mu.Lock()
	release := sync.OnceFunc(l.mu.Unlock)
	release()
	l.mu.Lock()
	l.mu.Unlock()
}

// releaseByClosure hands over a closure that unlocks.
func (l *lease) releaseByClosure() {
	l.mu.Lock()
	time.AfterFunc(time.Millisecond, func() { l.mu.Unlock() })
	l.mu.Lock()
	l.mu.Unlock()
}

func newLease() *lease {
	l := &lease{}
	l.expire = l.mu.Unlock
	return l
}

// expireNow calls the release the constructor kept in a field.
func (l *lease) expireNow() {
	l.mu.Lock()
	l.expire()
	l.mu.Lock()
	l.mu.Unlock()
}

// renewOther hands over the release of another lock: a double lock.
func (l *lease) renewOther() {
	l.mu.Lock()
	time.AfterFunc(time.Millisecond, l.other.Unlock)
	l.mu.Lock() // want `double lock: \(\*lease\)\.mu locked again by this function while it holds it`
	l.mu.Unlock()
}

// A release sent on a channel (to a worker that runs it) or appended to a
// list of hooks is handed over as well: whoever receives or reads it may
// run it, and a Lock after the send waits for that release. Deferred in
// the closure it is the same release.
func (l *lease) flushVia(worker chan<- func()) {
	l.mu.Lock()
	worker <- func() {
		defer l.mu.Unlock()
	}
	l.mu.Lock()
	l.mu.Unlock()
}

func (l *lease) flushEach(jobs []func(), worker chan<- func()) {
	for _, j := range jobs {
		l.mu.Lock()
		worker <- func() {
			j()
			l.mu.Unlock()
		}
	}
	l.mu.Lock()
	l.mu.Unlock()
}

type hooked struct {
	mu    sync.Mutex
	onEnd []func()
}

func (h *hooked) begin() {
	h.mu.Lock()
	h.onEnd = append(h.onEnd, h.mu.Unlock)
	h.mu.Lock()
	h.mu.Unlock()
}

// The twins send or append a function that releases another lock.
func (l *lease) flushOtherVia(worker chan<- func()) {
	l.mu.Lock()
	worker <- func() {
		defer l.other.Unlock()
	}
	l.mu.Lock() // want `double lock: \(\*lease\)\.mu locked again by this function while it holds it`
	l.mu.Unlock()
}

func (h *hooked) beginOther(other *sync.Mutex) {
	h.mu.Lock()
	h.onEnd = append(h.onEnd, other.Unlock)
	h.mu.Lock() // want `double lock: \(\*hooked\)\.mu locked again by this function while it holds it`
	h.mu.Unlock()
}

// A release converted to a named func type and sent, as an interface
// whose method runs it, to a worker: the second Lock waits for the
// worker's release.

type releaser interface{ Release() }

type unlockFunc func()

func (f unlockFunc) Release() { f() }

type toggler struct {
	mu, other sync.Mutex
	jobs      chan releaser
}

func (t *toggler) toggle() {
	t.mu.Lock()
	t.jobs <- unlockFunc(t.mu.Unlock)
	t.mu.Lock()
	t.jobs <- unlockFunc(t.mu.Unlock)
}

// toggleOther sends the release of another lock: a double lock.
func (t *toggler) toggleOther() {
	t.mu.Lock()
	t.jobs <- unlockFunc(t.other.Unlock)
	t.mu.Lock() // want `double lock: \(\*toggler\)\.mu locked again by this function while it holds it`
	t.mu.Unlock()
}

func (t *toggler) work() {
	for r := range t.jobs {
		r.Release()
	}
}

var parked []releaser

// park keeps a release for a later flush, which may run on any goroutine.
func park(r releaser) { parked = append(parked, r) }

// toggleParked hands the converted release to a call: the second Lock
// waits for whoever runs it.
func (t *toggler) toggleParked() {
	t.mu.Lock()
	park(unlockFunc(t.mu.Unlock))
	t.mu.Lock()
	park(unlockFunc(t.mu.Unlock))
}

// toggleParkedOther parks another lock's release: a double lock.
func (t *toggler) toggleParkedOther() {
	t.mu.Lock()
	park(unlockFunc(t.other.Unlock))
	t.mu.Lock() // want `double lock: \(\*toggler\)\.mu locked again by this function while it holds it`
	t.mu.Unlock()
}
