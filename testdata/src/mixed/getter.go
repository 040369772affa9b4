package mixed

import "sync"

// healthState hands out its stop channel through a getter; the monitor
// goroutine is started with the getter's result, polls it, and takes the
// container's lock between polls (moby#28462's shape).
type healthState struct{ stop chan struct{} }

func (h *healthState) stopChannel() chan struct{} { return h.stop }

func (h *healthState) closeMonitor() {
	h.stop <- struct{}{} // want `communication deadlock: send on \(\*healthState\)\.stop while holding \(\*container\)\.mu; the receiver takes \(\*container\)\.mu first`
}

type container struct {
	mu     sync.Mutex
	health *healthState
	probes int
}

func newContainer() *container {
	c := &container{health: &healthState{stop: make(chan struct{})}}
	go monitorHealth(c, c.health.stopChannel())
	return c
}

func monitorHealth(c *container, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			c.mu.Lock()
			c.probes++
			c.mu.Unlock()
		}
	}
}

// stateChanged stops the monitor while holding the lock the monitor needs.
func (c *container) stateChanged() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.health.closeMonitor()
}

// goodHealthState: the same, but the monitor is stopped after the lock is
// released.
type goodHealthState struct{ stop chan struct{} }

func (h *goodHealthState) stopChannel() chan struct{} { return h.stop }

func (h *goodHealthState) closeMonitor() { h.stop <- struct{}{} }

type goodContainer struct {
	mu     sync.Mutex
	health *goodHealthState
	probes int
}

func newGoodContainer() *goodContainer {
	c := &goodContainer{health: &goodHealthState{stop: make(chan struct{})}}
	go monitorGoodHealth(c, c.health.stopChannel())
	return c
}

func monitorGoodHealth(c *goodContainer, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			c.mu.Lock()
			c.probes++
			c.mu.Unlock()
		}
	}
}

func (c *goodContainer) stateChanged() {
	c.mu.Lock()
	c.probes = 0
	c.mu.Unlock()
	c.health.closeMonitor()
}
