package lockorder

import "sync"

// --- a stored closure that takes the second lock ---

type Bus struct {
	mu  sync.Mutex
	hub *Hub
}

type Hub struct {
	mu  sync.Mutex
	bus *Bus
}

// Close takes Hub.mu, then Bus.mu.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.bus.mu.Lock()
	h.bus.mu.Unlock()
}

// badPublish holds Bus.mu and calls a closure that takes Hub.mu.
func (b *Bus) badPublish() {
	notify := func() { b.hub.mu.Lock(); b.hub.mu.Unlock() }
	b.mu.Lock()
	defer b.mu.Unlock()
	notify() // want `lock-order cycle: \(\*Hub\)\.mu acquired while holding \(\*Bus\)\.mu`
}

type OkBus struct {
	mu  sync.Mutex
	hub *OkHub
}

type OkHub struct {
	mu  sync.Mutex
	bus *OkBus
}

// Close takes OkHub.mu, then OkBus.mu.
func (h *OkHub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.bus.mu.Lock()
	h.bus.mu.Unlock()
}

// goodPublish calls the closure before taking OkBus.mu.
func (b *OkBus) goodPublish() {
	notify := func() { b.hub.mu.Lock(); b.hub.mu.Unlock() }
	notify()
	b.mu.Lock()
	defer b.mu.Unlock()
}

// --- embedded mutexes ---

type Left struct {
	sync.Mutex
	right *Right
}

type Right struct {
	sync.Mutex
	left *Left
}

// Sync takes Left.Mutex, then Right.Mutex.
func (l *Left) Sync() {
	l.Lock()
	defer l.Unlock()
	l.right.Lock()
	l.right.Unlock()
}

// badSync takes Right.Mutex, then Left.Mutex.
func (r *Right) badSync() {
	r.Lock()
	defer r.Unlock()
	r.left.Lock() // want `lock-order cycle: \(\*Left\)\.Mutex acquired while holding \(\*Right\)\.Mutex`
	r.left.Unlock()
}

type OkLeft struct {
	sync.Mutex
	right *OkRight
}

type OkRight struct {
	sync.Mutex
	left *OkLeft
}

// Sync takes OkLeft.Mutex, then OkRight.Mutex.
func (l *OkLeft) Sync() {
	l.Lock()
	defer l.Unlock()
	l.right.Lock()
	l.right.Unlock()
}

// goodSync takes them in the same order.
func (r *OkRight) goodSync() {
	r.left.Lock()
	defer r.left.Unlock()
	r.Lock()
	r.Unlock()
}

// --- a read lock and a write lock on the same RWMutex in opposite orders ---

type Index struct {
	rw   sync.RWMutex
	docs *Docs
}

type Docs struct {
	mu  sync.Mutex
	idx *Index
}

// Search read-holds Index.rw and takes Docs.mu.
func (i *Index) Search() {
	i.rw.RLock()
	defer i.rw.RUnlock()
	i.docs.mu.Lock()
	i.docs.mu.Unlock()
}

// badReindex holds Docs.mu and write-locks Index.rw, which waits for readers.
func (d *Docs) badReindex() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.idx.rw.Lock() // want `lock-order cycle: \(\*Index\)\.rw acquired while holding \(\*Docs\)\.mu`
	d.idx.rw.Unlock()
}

type OkIndex struct {
	rw   sync.RWMutex
	docs *OkDocs
}

type OkDocs struct {
	mu  sync.Mutex
	idx *OkIndex
}

// Search read-holds OkIndex.rw and takes OkDocs.mu.
func (i *OkIndex) Search() {
	i.rw.RLock()
	defer i.rw.RUnlock()
	i.docs.mu.Lock()
	i.docs.mu.Unlock()
}

// goodReindex takes OkIndex.rw first, like Search.
func (d *OkDocs) goodReindex() {
	d.idx.rw.Lock()
	defer d.idx.rw.Unlock()
	d.mu.Lock()
	d.mu.Unlock()
}

// --- a method value that takes the second lock ---

type Meter struct {
	mu    sync.Mutex
	gauge *Gauge
}

type Gauge struct {
	mu    sync.Mutex
	meter *Meter
}

func (m *Meter) touch() { m.mu.Lock(); m.mu.Unlock() }

// Tick takes Meter.mu, then Gauge.mu.
func (m *Meter) Tick() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gauge.mu.Lock()
	m.gauge.mu.Unlock()
}

// badSet holds Gauge.mu and calls the method value meter.touch.
func (g *Gauge) badSet() {
	touch := g.meter.touch
	g.mu.Lock()
	defer g.mu.Unlock()
	touch() // want `lock-order cycle: \(\*Meter\)\.mu acquired while holding \(\*Gauge\)\.mu`
}

type OkMeter struct {
	mu    sync.Mutex
	gauge *OkGauge
}

type OkGauge struct {
	mu    sync.Mutex
	meter *OkMeter
}

func (m *OkMeter) touch() { m.mu.Lock(); m.mu.Unlock() }

// Tick takes OkMeter.mu, then OkGauge.mu.
func (m *OkMeter) Tick() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gauge.mu.Lock()
	m.gauge.mu.Unlock()
}

// goodSet calls the method value before taking OkGauge.mu.
func (g *OkGauge) goodSet() {
	touch := g.meter.touch
	touch()
	g.mu.Lock()
	defer g.mu.Unlock()
}

// --- TryLock does not wait, so it adds no edge ---

type Src struct {
	mu  sync.Mutex
	dst *Dst
}

type Dst struct {
	mu  sync.Mutex
	src *Src
}

// Copy takes Src.mu, then Dst.mu.
func (s *Src) Copy() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dst.mu.Lock()
	s.dst.mu.Unlock()
}

// badPull holds Dst.mu and waits for Src.mu.
func (d *Dst) badPull() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.src.mu.Lock() // want `lock-order cycle: \(\*Src\)\.mu acquired while holding \(\*Dst\)\.mu`
	d.src.mu.Unlock()
}

type OkSrc struct {
	mu  sync.Mutex
	dst *OkDst
}

type OkDst struct {
	mu  sync.Mutex
	src *OkSrc
}

// Copy takes OkSrc.mu, then OkDst.mu.
func (s *OkSrc) Copy() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dst.mu.Lock()
	s.dst.mu.Unlock()
}

// goodPull holds OkDst.mu and only tries OkSrc.mu, which never waits.
func (d *OkDst) goodPull() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.src.mu.TryLock() {
		d.src.mu.Unlock()
	}
}

// --- a func literal called inline vs started as a goroutine ---

type Producer struct {
	mu  sync.Mutex
	con *Consumer
}

type Consumer struct {
	mu  sync.Mutex
	pro *Producer
}

// Feed takes Producer.mu, then Consumer.mu.
func (p *Producer) Feed() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.con.mu.Lock()
	p.con.mu.Unlock()
}

// badAck holds Consumer.mu and calls a func literal that takes Producer.mu.
func (c *Consumer) badAck() {
	c.mu.Lock()
	defer c.mu.Unlock()
	func() { c.pro.mu.Lock(); c.pro.mu.Unlock() }() // want `lock-order cycle: \(\*Producer\)\.mu acquired while holding \(\*Consumer\)\.mu`
}

type OkProducer struct {
	mu  sync.Mutex
	con *OkConsumer
}

type OkConsumer struct {
	mu  sync.Mutex
	pro *OkProducer
}

// Feed takes OkProducer.mu, then OkConsumer.mu.
func (p *OkProducer) Feed() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.con.mu.Lock()
	p.con.mu.Unlock()
}

// goodAck starts the func literal as a goroutine, which holds nothing.
func (c *OkConsumer) goodAck() {
	c.mu.Lock()
	defer c.mu.Unlock()
	go func() { c.pro.mu.Lock(); c.pro.mu.Unlock() }()
}

// --- a common outer lock (gate) serialises both orders ---

type Tick struct {
	mu   sync.Mutex
	tock *Tock
}

type Tock struct {
	mu   sync.Mutex
	tick *Tick
}

// Step takes Tick.mu, then Tock.mu.
func (t *Tick) Step() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tock.mu.Lock()
	t.tock.mu.Unlock()
}

// badStep takes Tock.mu, then Tick.mu, with no gate.
func (t *Tock) badStep() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tick.mu.Lock() // want `lock-order cycle: \(\*Tick\)\.mu acquired while holding \(\*Tock\)\.mu`
	t.tick.mu.Unlock()
}

var gateMu sync.Mutex

type Ping struct {
	mu   sync.Mutex
	pong *Pong
}

type Pong struct {
	mu   sync.Mutex
	ping *Ping
}

// Step takes gateMu, then Ping.mu, then Pong.mu.
func (p *Ping) Step() {
	gateMu.Lock()
	defer gateMu.Unlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pong.mu.Lock()
	p.pong.mu.Unlock()
}

// goodGatedStep takes Pong.mu, then Ping.mu, but only under gateMu.
func (p *Pong) goodGatedStep() {
	gateMu.Lock()
	defer gateMu.Unlock()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ping.mu.Lock()
	p.ping.mu.Unlock()
}

// --- the gate is held by every caller of the helper that takes the locks ---

// DB's commit takes a then b; Defrag takes b then a. Both run under gate.
type DB struct{ gate, a, b sync.Mutex }

// commit takes a then b; every call of it holds gate.
func (d *DB) commit() {
	d.a.Lock()
	d.b.Lock()
	d.b.Unlock()
	d.a.Unlock()
}

func (d *DB) Commit() {
	d.gate.Lock()
	d.commit()
	d.gate.Unlock()
}

func (d *DB) CommitAndStop() {
	d.gate.Lock()
	defer d.gate.Unlock()
	d.flush()
}

// flush reaches commit one call further down, still under gate.
func (d *DB) flush() { d.commit() }

// goodGatedDefrag takes b then a, under gate: silent.
func (d *DB) goodGatedDefrag() {
	d.gate.Lock()
	defer d.gate.Unlock()
	d.b.Lock()
	defer d.b.Unlock()
	d.a.Lock()
	d.a.Unlock()
}

// Log is DB with one caller of append that forgets the gate.
type Log struct{ gate, a, b sync.Mutex }

// append takes a then b; Sync calls it without gate.
func (l *Log) append() {
	l.a.Lock()
	l.b.Lock()
	l.b.Unlock()
	l.a.Unlock()
}

func (l *Log) Append() {
	l.gate.Lock()
	l.append()
	l.gate.Unlock()
}

func (l *Log) Sync() { l.append() }

// badCompact takes b then a, under gate; append's order without it is
// reachable through Sync.
func (l *Log) badCompact() {
	l.gate.Lock()
	defer l.gate.Unlock()
	l.b.Lock()
	defer l.b.Unlock()
	l.a.Lock() // want `lock-order cycle: \(\*Log\)\.a acquired while holding \(\*Log\)\.b`
	l.a.Unlock()
}

// --- one lock class, two instances: not reported by default ---

type Account struct {
	mu  sync.Mutex
	bal int
}

// goodTransfer locks two Accounts; the class Account.mu -> Account.mu
// self-edge is not a reported cycle.
func goodTransfer(from, to *Account, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.bal -= n
	to.bal += n
}

// PanicConn and PanicReader take their locks in opposite orders, but the
// reader's order is only taken on a path that panics (net/http's
// connReader.Read misuse check): not reported.
type PanicConn struct {
	mu     sync.Mutex
	reader *PanicReader
	hijack bool
}

type PanicReader struct {
	mu     sync.Mutex
	conn   *PanicConn
	inRead bool
}

func (c *PanicConn) Hijack() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reader.mu.Lock()
	c.reader.inRead = false
	c.reader.mu.Unlock()
}

func (r *PanicReader) Read() {
	r.mu.Lock()
	if r.inRead {
		r.conn.mu.Lock()
		hijacked := r.conn.hijack
		r.conn.mu.Unlock()
		r.mu.Unlock()
		if hijacked {
			panic("read after hijack")
		}
		panic("concurrent read")
	}
	r.inRead = true
	r.mu.Unlock()
}

// --- the gate is held by the caller of a method that releases it ---

// Journal's Unlock commits pending work before it releases the gate its
// caller took: commit runs under the gate there too, as in Commit, so
// defrag's opposite order (under the gate) cannot interleave with it.
type Journal struct {
	gate, a, b sync.Mutex
	pending    int
}

func (s *Journal) commit() {
	s.a.Lock()
	s.b.Lock()
	s.b.Unlock()
	s.a.Unlock()
}

func (s *Journal) Lock() { s.gate.Lock() }

func (s *Journal) Unlock() {
	if s.pending > 0 {
		s.commit()
	}
	s.gate.Unlock()
}

func (s *Journal) Commit() {
	s.gate.Lock()
	s.commit()
	s.gate.Unlock()
}

func (s *Journal) defrag() {
	s.gate.Lock()
	defer s.gate.Unlock()
	s.b.Lock()
	defer s.b.Unlock()
	s.a.Lock()
	s.a.Unlock()
}

// The buggy twin releases the gate first and commits after it.
type BadJournal struct {
	gate, a, b sync.Mutex
	pending    int
}

func (s *BadJournal) commit() {
	s.a.Lock()
	s.b.Lock()
	s.b.Unlock()
	s.a.Unlock()
}

func (s *BadJournal) Lock() { s.gate.Lock() }

func (s *BadJournal) Unlock() {
	s.gate.Unlock()
	if s.pending > 0 {
		s.commit()
	}
}

func (s *BadJournal) Commit() {
	s.gate.Lock()
	s.commit()
	s.gate.Unlock()
}

func (s *BadJournal) defrag() {
	s.gate.Lock()
	defer s.gate.Unlock()
	s.b.Lock()
	defer s.b.Unlock()
	s.a.Lock() // want `lock-order cycle: \(\*BadJournal\)\.a acquired while holding \(\*BadJournal\)\.b; \(\*BadJournal\)\.commit takes them in the opposite order`
	s.a.Unlock()
}
