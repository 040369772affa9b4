package cond

import "sync"

// A Wait under an if loses a wakeup only where the signaller can run between
// the check and the Wait. Each bad case leaves it that window; its good twin
// reads the condition under the lock and keeps it until the Wait.

// Latch opens once; Open sets open under mu and broadcasts.
type Latch struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
	log  []string
}

// NewLatch ties cond to mu.
func NewLatch() *Latch {
	l := &Latch{}
	l.cond = sync.NewCond(&l.mu)
	return l
}

// Open releases every waiter.
func (l *Latch) Open() {
	l.mu.Lock()
	l.open = true
	l.mu.Unlock()
	l.cond.Broadcast()
}

func (l *Latch) isOpen() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open
}

func (l *Latch) note(s string) { l.log = append(l.log, s) }

// badCheckFirst checks before it takes the lock: Open can set open and
// broadcast between the check and the Wait.
func (l *Latch) badCheckFirst() {
	if !l.isOpen() {
		l.mu.Lock()
		l.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
		l.mu.Unlock()
	}
}

// goodCheckUnder checks under the lock it waits with.
func (l *Latch) goodCheckUnder() {
	l.mu.Lock()
	if !l.open {
		l.note("waiting")
		l.cond.Wait()
	}
	l.mu.Unlock()
}

// badSnapshot reads open under one hold of the lock and waits under
// another.
func (l *Latch) badSnapshot() {
	l.mu.Lock()
	open := l.open
	l.mu.Unlock()
	l.note("checked")
	l.mu.Lock()
	if !open {
		l.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	}
	l.mu.Unlock()
}

// goodSnapshot reads and waits under one hold.
func (l *Latch) goodSnapshot() {
	l.mu.Lock()
	l.note("checked")
	open := l.open
	if !open {
		l.cond.Wait()
	}
	l.mu.Unlock()
}

// badLetGo lets the lock go between the check and the Wait.
func (l *Latch) badLetGo(prepare func()) {
	l.mu.Lock()
	if !l.open {
		l.mu.Unlock()
		prepare()
		l.mu.Lock()
		l.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	}
	l.mu.Unlock()
}

// goodPrepareFirst prepares before it takes the lock.
func (l *Latch) goodPrepareFirst(prepare func()) {
	prepare()
	l.mu.Lock()
	if !l.open {
		l.cond.Wait()
	}
	l.mu.Unlock()
}

// badWaitIf tests only its parameter: an Open before the Lock is lost.
func (l *Latch) badWaitIf(block bool) {
	l.mu.Lock()
	if block {
		l.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	}
	l.mu.Unlock()
}

// goodWaitIf tests the state too, under the lock.
func (l *Latch) goodWaitIf(block bool) {
	l.mu.Lock()
	if block && !l.open {
		l.cond.Wait()
	}
	l.mu.Unlock()
}

// goodOrStopped checks open under the lock, then gives up if stop is
// closed (a select with a default, which reads no state of the latch)
// before it waits: the check further up still holds the window shut.
func (l *Latch) goodOrStopped(stop chan struct{}) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.open {
		select {
		case <-stop:
			return false
		default:
		}
		l.cond.Wait()
	}
	return l.open
}

// badOrStopped read open before it took the lock.
func (l *Latch) badOrStopped(stop chan struct{}) bool {
	open := l.isOpen()
	l.mu.Lock()
	defer l.mu.Unlock()
	if !open {
		select {
		case <-stop:
			return false
		default:
		}
		l.cond.Wait() // want `Cond\.Wait outside a loop: a wakeup before the Wait is lost`
	}
	return l.open
}
