package callbacks

import "sync"

// A closure kept in a field of an object the function has just made, set
// once there, is that function's closure wherever it is called through the
// field: the worker that calls m.handler() sends on the maker's done while
// holding the maker's lock, and the maker takes that lock before it
// receives. A handler set through a method on the object (a setter) is
// the same: the object stays in the function and its goroutine, so the
// closure it keeps is the one made here. The twin: the handler unlocks
// before it sends.

type monitor struct {
	handler func()
}

func (m *monitor) run() { m.handler() }

func handlerHeld() {
	m := &monitor{}
	done := make(chan bool)
	lock := sync.Mutex{}
	m.handler = func() {
		lock.Lock()
		defer lock.Unlock()
		done <- true // want `communication deadlock: send on done while holding lock; the receiver takes lock first; handlerHeld runs both at once`
	}
	go m.run()
	lock.Lock()
	lock.Unlock()
	<-done
}

func handlerReleased() {
	m := &monitor{}
	done := make(chan bool)
	lock := sync.Mutex{}
	m.handler = func() {
		lock.Lock()
		lock.Unlock()
		done <- true
	}
	go m.run()
	lock.Lock()
	lock.Unlock()
	<-done
}

type lateMonitor struct {
	handler func()
}

func (m *lateMonitor) set(h func()) { m.handler = h }
func (m *lateMonitor) run()         { m.handler() }

func handlerSetLater() {
	m := &lateMonitor{}
	done := make(chan bool)
	lock := sync.Mutex{}
	m.set(func() {
		lock.Lock()
		defer lock.Unlock()
		done <- true // want `communication deadlock: send on done while holding lock; the receiver takes lock first; handlerSetLater runs both at once`
	})
	go m.run()
	lock.Lock()
	lock.Unlock()
	<-done
}
