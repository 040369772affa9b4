package concurrent

import "sync"

// Two orders run at once on one object: a deadlock.

type Journal struct {
	mu    sync.Mutex
	index Offsets
}

type Offsets struct {
	mu   sync.Mutex
	keys []string
}

func NewJournal() *Journal { return &Journal{} }

func (l *Journal) put(k string) {
	l.mu.Lock()
	l.index.mu.Lock()
	l.index.keys = append(l.index.keys, k)
	l.index.mu.Unlock()
	l.mu.Unlock()
}

func (l *Journal) compact() {
	l.index.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Journal\)\.mu acquired while holding \(\*Offsets\)\.mu; \(\*Journal\)\.put takes them in the opposite order; Shared runs both at once$`
	l.index.keys = nil
	l.mu.Unlock()
	l.index.mu.Unlock()
}

func Shared(keys []string) *Journal {
	l := NewJournal()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, k := range keys {
			l.put(k)
		}
	}()
	l.compact()
	<-done
	return l
}

// The twin: the same two orders at once, but the call runs on a ledger of
// its own, made here and shown to nobody else, whose locks the goroutine
// cannot take. The class-level cycle is lockorder's, with no witness.

type Journal2 struct {
	mu    sync.Mutex
	index Offsets2
}

type Offsets2 struct {
	mu   sync.Mutex
	keys []string
}

func NewJournal2() *Journal2 { return &Journal2{} }

func (l *Journal2) put(k string) {
	l.mu.Lock()
	l.index.mu.Lock()
	l.index.keys = append(l.index.keys, k)
	l.index.mu.Unlock()
	l.mu.Unlock()
}

func (l *Journal2) Compact() {
	l.index.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Journal2\)\.mu acquired while holding \(\*Offsets2\)\.mu; \(\*Journal2\)\.put takes them in the opposite order$`
	l.index.keys = nil
	l.mu.Unlock()
	l.index.mu.Unlock()
}

func Separate(keys []string) (*Journal2, *Journal2) {
	a, b := NewJournal2(), NewJournal2()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, k := range keys {
			a.put(k)
		}
	}()
	b.Compact()
	<-done
	return a, b
}

// Two fields of one object, of one type: the goroutine takes in.mu, then
// the server's; the later call takes the server's, then out.mu. The class
// (*Meter).mu closes a cycle with (*Gauge).mu, but in and out are different
// memory inside one Gauge, so the two never wait for the same meter.

type Meter struct {
	mu sync.Mutex
	n  int
}

type Gauge struct {
	mu  sync.Mutex
	in  Meter
	out Meter
}

func (g *Gauge) begin() {
	g.in.mu.Lock()
	g.mu.Lock()
	g.mu.Unlock()
	g.in.mu.Unlock()
}

func (g *Gauge) end() {
	g.mu.Lock()
	g.out.mu.Lock() // want `lock-order cycle: \(\*Meter\)\.mu acquired while holding \(\*Gauge\)\.mu; \(\*Gauge\)\.begin takes them in the opposite order$`
	g.out.mu.Unlock()
	g.mu.Unlock()
}

func (g *Gauge) Cycle() {
	done := make(chan struct{})
	go func() {
		g.begin()
		close(done)
	}()
	g.end()
	<-done
}

// The twin's later call takes the same field the goroutine does: both
// orders on one meter, at once.

type Meter2 struct {
	mu sync.Mutex
	n  int
}

type Gauge2 struct {
	mu  sync.Mutex
	in  Meter2
	out Meter2
}

func (g *Gauge2) begin() {
	g.in.mu.Lock()
	g.mu.Lock()
	g.mu.Unlock()
	g.in.mu.Unlock()
}

func (g *Gauge2) end() {
	g.mu.Lock()
	g.in.mu.Lock() // want `lock-order cycle: \(\*Meter2\)\.mu acquired while holding \(\*Gauge2\)\.mu; \(\*Gauge2\)\.begin takes them in the opposite order; \(\*Gauge2\)\.Cycle runs both at once$`
	g.in.mu.Unlock()
	g.mu.Unlock()
}

func (g *Gauge2) Cycle() {
	done := make(chan struct{})
	go func() {
		g.begin()
		close(done)
	}()
	g.end()
	<-done
}
