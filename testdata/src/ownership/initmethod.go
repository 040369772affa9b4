package ownership

import (
	"sync"
	"sync/atomic"
)

// --- a fresh object set up by a method of its own ---

// Broker admits Members: accept makes one, sets it up with init under the
// Member's lock, reads the Broker's reload lock, and only then lists it.
// init reads the Broker through the Member (an atomic add on the Broker's
// counter), makes a Cond on the Member's own lock and stores into the
// Member's own atomic.Value: none of it lets another goroutine reach the
// Member, so it is still accept's alone when the reload lock is taken.
type Broker struct {
	mu       sync.Mutex
	reloadMu sync.RWMutex
	nextID   uint64
	members  []*Member
}

type Member struct {
	mu     sync.Mutex
	broker *Broker
	id     uint64
	cond   *sync.Cond
	state  atomic.Value
}

func (m *Member) init() {
	b := m.broker
	m.id = atomic.AddUint64(&b.nextID, 1)
	m.cond = sync.NewCond(&m.mu)
	m.state.Store("new")
}

func (b *Broker) accept() {
	m := &Member{broker: b}
	m.mu.Lock()
	m.init()
	b.reloadMu.RLock()
	_ = len(b.members)
	b.reloadMu.RUnlock()
	m.mu.Unlock()
	b.mu.Lock()
	b.members = append(b.members, m)
	b.mu.Unlock()
}

// reload takes the reload lock, then every Member's.
func (b *Broker) reload() {
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.members {
		m.mu.Lock()
		m.mu.Unlock()
	}
}

// The buggy twin: init starts the Member's watcher goroutine, which can
// take the Member's lock while reload holds the reload lock and waits for
// it.
type BadBroker struct {
	mu       sync.Mutex
	reloadMu sync.RWMutex
	members  []*BadMember
}

type BadMember struct {
	mu     sync.Mutex
	broker *BadBroker
}

func (m *BadMember) watch() {
	m.mu.Lock()
	m.mu.Unlock()
}

func (m *BadMember) init() {
	go m.watch()
}

func (b *BadBroker) accept() {
	m := &BadMember{broker: b}
	m.mu.Lock()
	m.init()
	b.reloadMu.RLock()
	_ = len(b.members)
	b.reloadMu.RUnlock()
	m.mu.Unlock()
	b.mu.Lock()
	b.members = append(b.members, m)
	b.mu.Unlock()
}

func (b *BadBroker) reload() {
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.members {
		m.mu.Lock() // want `lock-order cycle: \(\*BadMember\)\.mu acquired while holding \(\*BadBroker\)\.mu` `lock-order cycle: \(\*BadMember\)\.mu acquired while holding \(\*BadBroker\)\.reloadMu`
		m.mu.Unlock()
	}
}
