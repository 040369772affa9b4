package callbacks

import "sync"

// A handler registered on an object this function makes (appended to a
// container field through a method and an interface), called later by the
// goroutine the function starts on that object, is the closure made here:
// it sends on this call's done while holding this call's lock, which the
// function takes before it receives. The twins: the handler releases the
// lock before it sends; the monitor is a package-level one, which every
// call registers on, so its handlers are no call's own.
//
// (The experimental leak check also speaks at both go statements: it counts
// the handler's send once per turn of Run's loop, without bounding the
// turns by the one event Create sends. In registeredHeld the goroutine
// does block forever, in the deadlock; in registeredReleased the claim is
// an over-count, kept here as the check's known limit.)

type event int

type handlerFunc func(event)

type eventMonitor interface {
	Run(stop <-chan struct{})
	AppendHandler(h handlerFunc)
	Schedule(e event)
}

type chanMonitor struct {
	handlers []handlerFunc
	events   chan event
}

func (m *chanMonitor) Run(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case e := <-m.events:
			m.apply(e)
		}
	}
}

func (m *chanMonitor) apply(e event) {
	for _, h := range m.handlers {
		h(e)
	}
}

func (m *chanMonitor) AppendHandler(h handlerFunc) { m.handlers = append(m.handlers, h) }
func (m *chanMonitor) Schedule(e event)            { m.events <- e }

func newEventMonitor() eventMonitor { return &chanMonitor{events: make(chan event)} }

type controller struct {
	monitor eventMonitor
}

func (c *controller) Register(f func(event))   { c.monitor.AppendHandler(f) }
func (c *controller) Run(stop <-chan struct{}) { c.monitor.Run(stop) }
func (c *controller) Create()                  { c.monitor.Schedule(0) }

func registeredHeld() {
	c := &controller{monitor: newEventMonitor()}
	done := make(chan bool)
	lock := sync.Mutex{}
	c.Register(func(event) {
		lock.Lock()
		defer lock.Unlock()
		done <- true // want `communication deadlock: send on done while holding lock; the receiver takes lock first; registeredHeld runs both at once`
	})
	stop := make(chan struct{})
	go c.Run(stop) // want `goroutine leak: send on done blocks forever: a goroutine sends in a loop, but only 1 receive\(s\) are certain`
	c.Create()
	lock.Lock()
	lock.Unlock()
	<-done
	close(stop)
}

func registeredReleased() {
	c := &controller{monitor: newEventMonitor()}
	done := make(chan bool)
	lock := sync.Mutex{}
	c.Register(func(event) {
		lock.Lock()
		lock.Unlock()
		done <- true
	})
	stop := make(chan struct{})
	go c.Run(stop) // want `goroutine leak: send on done blocks forever: a goroutine sends in a loop, but only 1 receive\(s\) are certain`
	c.Create()
	lock.Lock()
	lock.Unlock()
	<-done
	close(stop)
}

var sharedMonitor = &controller{monitor: newEventMonitor()}

func registeredShared() {
	done := make(chan bool)
	lock := sync.Mutex{}
	sharedMonitor.Register(func(event) {
		lock.Lock()
		defer lock.Unlock()
		done <- true
	})
	stop := make(chan struct{})
	go sharedMonitor.Run(stop)
	sharedMonitor.Create()
	lock.Lock()
	lock.Unlock()
	<-done
	close(stop)
}
