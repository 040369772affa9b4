package doublelock

import (
	"errors"
	"sync"
	"time"
)

// Relock's claim (both acquisitions are this function's own Lock calls,
// named the same way, with nothing out of its sight between) and the
// double locks that stay doublelock's because something between is.

type proxy struct {
	mu    sync.Mutex
	conns int
}

func (p *proxy) dial() error {
	if p.conns > 2 {
		return errors.New("busy")
	}
	return nil
}

// badContinue skips the Unlock on the error path and locks again on the
// next turn.
func (p *proxy) badContinue(addrs []string) {
	for range addrs {
		p.mu.Lock() // want `double lock: \(\*proxy\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		if err := p.dial(); err != nil {
			continue
		}
		p.mu.Unlock()
	}
}

// goodContinue releases before it goes round.
func (p *proxy) goodContinue(addrs []string) {
	for range addrs {
		p.mu.Lock()
		if err := p.dial(); err != nil {
			p.mu.Unlock()
			continue
		}
		p.mu.Unlock()
	}
}

// badHook calls a function value nothing resolves between the two Locks:
// whether it releases p.mu is out of sight, so the claim is doublelock's.
func (p *proxy) badHook(release func()) {
	p.mu.Lock()
	release()
	p.mu.Lock() // want `double lock: \(\*proxy\)\.mu acquired while already held`
	p.mu.Unlock()
}

// goodOtherUnlock releases a lock given as a sync.Locker, which may be
// p.mu: nothing shows p.mu still held at the second Lock.
func (p *proxy) goodOtherUnlock(l sync.Locker) {
	p.mu.Lock()
	l.Unlock()
	p.mu.Lock()
	p.mu.Unlock()
}

// goodReassigned locks two proxies through one variable.
func goodReassigned(a, b *proxy) {
	p := a
	p.mu.Lock()
	p = b
	p.mu.Lock()
	p.mu.Unlock()
	a.mu.Unlock()
}

// badContinuePost goes round through the loop's post statement, which both
// the continue and the end of the body reach: on the continue path p.mu is
// still held there.
func (p *proxy) badContinuePost() {
	for i := 0; i < 3; i++ {
		p.mu.Lock() // want `double lock: \(\*proxy\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
		if err := p.dial(); err != nil {
			continue
		}
		p.mu.Unlock()
	}
}

// goodPostUnlock releases in the post statement: the lock does not come
// round held.
func (p *proxy) goodPostUnlock() {
	for i := 0; i < 3; p.unlock() {
		p.mu.Lock()
		i++
	}
}

func (p *proxy) unlock() { p.mu.Unlock() }

func releaseLater(m *sync.Mutex) { go m.Unlock() }

// goodHandedToGoroutine's callee starts a goroutine that releases the lock
// it is handed: the next turn's Lock waits for that goroutine, not forever.
func (p *proxy) goodHandedToGoroutine(addrs []string) {
	for range addrs {
		p.mu.Lock()
		p.conns++
		releaseLater(&p.mu)
	}
}

// goodTimer hands the release to a timer; the doubt holds across the loop's
// back edge too.
func (p *proxy) goodTimer(addrs []string) {
	for range addrs {
		p.mu.Lock()
		p.conns++
		time.AfterFunc(time.Millisecond, p.mu.Unlock)
	}
}

// A mutex used as a one-shot signal: its Unlock, stored in a field of an
// object a goroutine runs, is that goroutine's to call. The second Lock
// waits for it; it is no relock. Without the store nothing can release it.

type startNotifier struct {
	OnStarted func()
	addr      string
}

func (n *startNotifier) serve() {
	n.addr = "ready"
	if n.OnStarted != nil {
		n.OnStarted()
	}
}

func startAndWait() string {
	n := &startNotifier{}
	var started sync.Mutex
	started.Lock()
	n.OnStarted = started.Unlock
	go n.serve()
	started.Lock()
	return n.addr
}

func startAndWaitClosure() string {
	n := &startNotifier{}
	var started sync.Mutex
	started.Lock()
	n.OnStarted = func() { started.Unlock() }
	go n.serve()
	started.Lock()
	return n.addr
}

func startAndWaitUnwired() string {
	n := &startNotifier{}
	var started sync.Mutex
	started.Lock()
	go n.serve()
	started.Lock() // want `double lock: started locked again by this function while it holds it`
	return n.addr
}

// OnReady holds a callback that code out of this package's sight runs.
type OnReady struct{ Ready func() }

// startAndWaitOutside stores the unlock where code nothing here calls will
// run it: that code, not this function, releases the mutex.
func startAndWaitOutside(register func(*OnReady)) {
	var started sync.Mutex
	started.Lock()
	h := &OnReady{}
	h.Ready = func() { started.Unlock() }
	go register(h)
	started.Lock()
}

// startAndWaitNoop stores a callback that releases nothing.
func startAndWaitNoop(register func(*OnReady)) {
	var started sync.Mutex
	started.Lock()
	h := &OnReady{}
	h.Ready = func() {}
	go register(h)
	started.Lock() // want `double lock: started locked again by this function while it holds it`
}
