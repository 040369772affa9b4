package ownership

import "sync"

// --- a fresh struct value a closure captures (not a variable holding a pointer) ---

// Meter and Panel: sample locks a Meter of its own (a local struct value)
// and reads it through a closure it only calls; the Panel's lock comes
// after. No other goroutine can reach that Meter, so there is no order
// against total's Panel-then-Meter.
type Meter struct {
	mu sync.Mutex
	n  int
}

type Panel struct {
	mu     sync.Mutex
	meters []*Meter
}

func (p *Panel) total() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := 0
	for _, m := range p.meters {
		m.mu.Lock()
		t += m.n
		m.mu.Unlock()
	}
	return t
}

func (p *Panel) sample() int {
	var m Meter
	m.mu.Lock()
	defer m.mu.Unlock()
	read := func() int { return m.n }
	p.mu.Lock()
	defer p.mu.Unlock()
	return read() + len(p.meters)
}

// The buggy twin: the closure that captures the Meter runs as a goroutine,
// which may hold the Meter's lock while total waits for it under the
// Panel's.
type BadMeter struct {
	mu sync.Mutex
	n  int
}

type BadPanel struct {
	mu     sync.Mutex
	meters []*BadMeter
}

func (p *BadPanel) total() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := 0
	for _, m := range p.meters {
		m.mu.Lock()
		t += m.n
		m.mu.Unlock()
	}
	return t
}

func (p *BadPanel) sample() int {
	var m BadMeter
	go func() {
		m.mu.Lock()
		m.n++
		m.mu.Unlock()
	}()
	m.mu.Lock()
	defer m.mu.Unlock()
	p.mu.Lock() // want `lock-order cycle: \(\*BadPanel\)\.mu acquired while holding \(\*BadMeter\)\.mu`
	defer p.mu.Unlock()
	return len(p.meters)
}
