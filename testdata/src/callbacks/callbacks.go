// Package callbacks: functions reached through values the call graph must
// follow — closures returned by a factory, functions kept in slices and maps
// of a struct field. Each buggy case has a fixed twin that stays silent.
package callbacks

import (
	"errors"
	"fmt"
	"sync"
)

// Reg's incr is a factory: the closure it returns locks the Reg it was made for.
type Reg struct {
	mu sync.Mutex
	n  int
}

func (r *Reg) incr() func() {
	return func() {
		r.mu.Lock()
		r.n++
		r.mu.Unlock()
	}
}

// Bump calls the closure with r.mu held: the closure locks r.mu again.
func (r *Reg) Bump() {
	f := r.incr()
	r.mu.Lock()
	f() // want `double lock: \(\*Reg\).mu acquired while already held \(through \(\*Reg\).incr.func1\)`
	r.mu.Unlock()
}

// BumpFixed calls it after unlocking.
func (r *Reg) BumpFixed() {
	f := r.incr()
	r.mu.Lock()
	r.n++
	r.mu.Unlock()
	f()
}

// BumpOther calls the closure made for another Reg while holding r.mu:
// a different lock, nothing to report.
func (r *Reg) BumpOther(o *Reg) {
	f := o.incr()
	r.mu.Lock()
	f()
	r.mu.Unlock()
}

// Bus keeps handlers in a slice and a map; Stats registers its record
// method in both.
type Bus struct {
	mu       sync.Mutex
	handlers []func(int)
	byName   map[string]func(int)
	events   int
}

type Stats struct {
	mu  sync.Mutex
	sum int
	bus *Bus
}

func NewStats(b *Bus) *Stats {
	s := &Stats{bus: b}
	b.mu.Lock()
	b.handlers = append(b.handlers, s.record)
	b.byName["stats"] = s.record
	b.mu.Unlock()
	return s
}

// record takes Stats.mu.
func (s *Stats) record(n int) {
	s.mu.Lock()
	s.sum += n
	s.mu.Unlock()
}

// Fire runs every handler with Bus.mu held: Bus.mu -> Stats.mu.
func (b *Bus) Fire(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events++
	for _, h := range b.handlers {
		h(n)
	}
}

// Events takes Bus.mu.
func (b *Bus) Events() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.events
}

// Report holds Stats.mu while it asks the bus: Stats.mu -> Bus.mu, the
// opposite order of Fire's.
func (s *Stats) Report() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sum + s.bus.Events() // want `lock-order cycle: \(\*Bus\).mu acquired while holding \(\*Stats\).mu; \(\*Bus\).Fire takes them in the opposite order`
}

// Quiet keeps handlers too, but runs them after unlocking, and the handlers
// it keeps lock in the same order as its readers: no cycle.
type Quiet struct {
	mu       sync.Mutex
	handlers []func(int)
	byName   map[string]func(int)
	events   int
}

type Tally struct {
	mu  sync.Mutex
	sum int
	q   *Quiet
}

func NewTally(q *Quiet) *Tally {
	t := &Tally{q: q}
	q.mu.Lock()
	q.handlers = append(q.handlers, t.record)
	q.byName["tally"] = t.record
	q.mu.Unlock()
	return t
}

func (t *Tally) record(n int) {
	t.mu.Lock()
	t.sum += n
	t.mu.Unlock()
}

// Fire copies the handlers under the lock and runs them without it.
func (q *Quiet) Fire(n int) {
	q.mu.Lock()
	q.events++
	hs := append([]func(int){}, q.handlers...)
	q.mu.Unlock()
	for _, h := range hs {
		h(n)
	}
}

// FireName runs one handler by name, without the lock.
func (q *Quiet) FireName(name string, n int) {
	q.mu.Lock()
	h := q.byName[name]
	q.mu.Unlock()
	if h != nil {
		h(n)
	}
}

func (q *Quiet) Events() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.events
}

func (t *Tally) Report() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.sum + t.q.Events()
}

// Table runs handlers by name with its lock held; the handler it keeps
// takes Counter.mu, and Counter never takes Table.mu: an order, not a cycle.
type Table struct {
	mu     sync.Mutex
	byName map[string]func()
}

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) inc() { c.mu.Lock(); c.n++; c.mu.Unlock() }

func NewTable(c *Counter) *Table {
	return &Table{byName: map[string]func(){"inc": c.inc}}
}

func (t *Table) Run(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.byName[name]()
}

// Map is Table whose handler's type takes Map.mu under its own lock: the
// map lookup's callee closes the cycle.
type Map struct {
	mu     sync.Mutex
	byName map[string]func()
	gauge  *Gauge
}

type Gauge struct {
	mu sync.Mutex
	m  *Map
	v  int
}

func (g *Gauge) set() { g.mu.Lock(); g.v++; g.mu.Unlock() }

func NewMap(g *Gauge) *Map {
	return &Map{byName: map[string]func(){"set": g.set}, gauge: g}
}

// Run holds Map.mu and runs a handler that takes Gauge.mu.
func (m *Map) Run(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.byName[name]()
}

func (m *Map) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.byName)
}

// Read holds Gauge.mu and asks the map: Gauge.mu -> Map.mu.
func (g *Gauge) Read() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.v + g.m.Len() // want `lock-order cycle: \(\*Map\).mu acquired while holding \(\*Gauge\).mu; \(\*Map\).Run takes them in the opposite order`
}

// Lessor keeps a callback that captures the Lessor it is registered on:
// called through that Lessor's field, the closure's Lessor is the caller's.
// (The callback has a named func type: the literal is converted to it.)
type Lessor struct {
	mu      sync.Mutex
	onRenew RenewFunc
	n       int
}

type RenewFunc func()

func (l *Lessor) SetOnRenew(f RenewFunc) {
	l.mu.Lock()
	l.onRenew = f
	l.mu.Unlock()
}

func (l *Lessor) count() {
	l.mu.Lock()
	l.n++
	l.mu.Unlock()
}

func NewLessor() *Lessor {
	l := &Lessor{}
	l.SetOnRenew(func() { l.count() })
	return l
}

// Renew holds l.mu while the callback locks l.mu again.
func (l *Lessor) Renew() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.onRenew != nil {
		l.onRenew() // want `double lock: \(\*Lessor\).mu acquired while already held \(through \(\*Lessor\).count\)`
	}
}

// Lease is Lessor with the fix: the callback runs after the unlock.
type Lease struct {
	mu      sync.Mutex
	onRenew func()
	n       int
}

func (l *Lease) SetOnRenew(f func()) {
	l.mu.Lock()
	l.onRenew = f
	l.mu.Unlock()
}

func (l *Lease) count() {
	l.mu.Lock()
	l.n++
	l.mu.Unlock()
}

func NewLease() *Lease {
	l := &Lease{}
	l.SetOnRenew(func() { l.count() })
	return l
}

func (l *Lease) Renew() {
	l.mu.Lock()
	f := l.onRenew
	l.mu.Unlock()
	if f != nil {
		f()
	}
}

// Pool registers on each Pair a callback that counts on the other Pair:
// the closure's captured Pair is not the one whose field holds it, so no
// instance is claimed (a lock of the same class, maybe another object).
type Pair struct {
	mu     sync.Mutex
	onTick func()
	n      int
}

func (p *Pair) SetOnTick(f func()) {
	p.mu.Lock()
	p.onTick = f
	p.mu.Unlock()
}

func (p *Pair) count() {
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
}

func NewPairs() (*Pair, *Pair) {
	a, b := &Pair{}, &Pair{}
	a.SetOnTick(func() { b.count() })
	b.SetOnTick(func() { a.count() })
	return a, b
}

func (p *Pair) Tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.onTick != nil {
		p.onTick()
	}
}

// Acct's String locks a.mu; fmt calls it on every operand it formats with
// %v or %s, or with Sprint and Println.
type Acct struct {
	mu  sync.Mutex
	bal int
}

func (a *Acct) String() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return fmt.Sprint(a.bal)
}

// Debit formats a with a.mu held: String locks it again.
func (a *Acct) Debit(n int) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.bal < n {
		return fmt.Errorf("insufficient funds in %v", a) // want `double lock: \(\*Acct\).mu acquired while already held \(through \(\*Acct\).String\)`
	}
	a.bal -= n
	return nil
}

// Credit describes a with Sprintln under a.mu.
func (a *Acct) Credit(n int) string {
	a.mu.Lock()
	a.bal += n
	msg := fmt.Sprintln("credited", a) // want `double lock: \(\*Acct\).mu acquired while already held \(through \(\*Acct\).String\)`
	a.mu.Unlock()
	return msg
}

// DebitFixed formats the balance it read, not the account.
func (a *Acct) DebitFixed(n int) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.bal < n {
		return fmt.Errorf("insufficient funds: %d < %d", a.bal, n)
	}
	a.bal -= n
	return nil
}

// CreditFixed describes a after unlocking; %p and %T do not call String.
func (a *Acct) CreditFixed(n int) string {
	a.mu.Lock()
	a.bal += n
	ptr := fmt.Sprintf("credited %p (%T)", a, a)
	a.mu.Unlock()
	return ptr + fmt.Sprintln(" now", a)
}

// Other formats another account under its own lock: a lock of the same
// class, but no claim that it is the same one.
func (a *Acct) Other(b *Acct) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return fmt.Sprintf("%d vs %s", a.bal, b.String())
}

// StateErr's Error locks; formatting it with %w under its lock deadlocks.
type StateErr struct {
	mu    sync.Mutex
	state string
}

func (e *StateErr) Error() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.state
}

func (e *StateErr) Wrap() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return fmt.Errorf("wrapped: %w", e) // want `double lock: \(\*StateErr\).mu acquired while already held \(through \(\*StateErr\).Error\)`
}

func (e *StateErr) WrapFixed() error {
	e.mu.Lock()
	state := e.state
	e.mu.Unlock()
	return fmt.Errorf("wrapped: %w", errors.New(state))
}
