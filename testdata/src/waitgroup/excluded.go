package waitgroup

import "sync"

// An Add inside the goroutine it counts does not race with a Wait that
// holds, for writing, a lock the Add holds too: the lock runs the Add
// either before the Wait starts or after it has returned.

// Monitor fans events out to listeners; its WaitGroup counts deliveries.
type Monitor struct {
	sync.RWMutex
	sync.WaitGroup
	enabled   bool
	listeners []chan<- string
}

// deliver counts itself while it holds the read lock.
func (m *Monitor) deliver(ev string) {
	m.RLock()
	defer m.RUnlock()
	m.Add(1)
	defer m.Done()
	for _, l := range m.listeners {
		select {
		case l <- ev:
		default:
		}
	}
}

// goodDisable waits under the write lock: no delivery can Add meanwhile.
func (m *Monitor) goodDisable() {
	m.Lock()
	defer m.Unlock()
	m.Wait()
	m.enabled = false
}

// goodRun starts deliveries and then disables under the write lock.
func (m *Monitor) goodRun(events []string) {
	for _, ev := range events {
		go m.deliver(ev)
	}
	m.goodDisable()
}

// Gauge is Monitor's twin whose Wait holds only the read lock, which the
// deliveries' read locks do not exclude.
type Gauge struct {
	sync.RWMutex
	sync.WaitGroup
	listeners []chan<- string
}

func (g *Gauge) deliver(ev string) {
	g.RLock()
	defer g.RUnlock()
	g.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
	defer g.Done()
	for _, l := range g.listeners {
		select {
		case l <- ev:
		default:
		}
	}
}

func (g *Gauge) badRun(events []string) {
	for _, ev := range events {
		go g.deliver(ev)
	}
	g.RLock()
	defer g.RUnlock()
	g.Wait()
}
