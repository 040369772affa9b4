package ownership

import (
	"sync"
	"time"
)

// --- a fresh object kept in a captured variable, and branches that agree ---

// Hub keeps its peers; a Peer is set up under its own lock and then the
// Hub's, before anyone else can reach it.
type Hub struct {
	mu    sync.RWMutex
	peers []*Peer
}

type Peer struct {
	mu    sync.Mutex
	hub   *Hub
	timer *time.Timer
}

func (p *Peer) expire() {
	p.mu.Lock()
	p.mu.Unlock()
}

// visit takes the Hub's lock, then each Peer's.
func (h *Hub) visit() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range h.peers {
		p.mu.Lock()
		p.mu.Unlock()
	}
}

// accept holds the new Peer's lock while it reads the Hub under the Hub's
// lock. The Peer lives in a variable the goroutine at the end captures, and
// the timer that publishes it runs only when the Peer is inbound, where the
// Hub's lock is not taken: nothing else reaches the Peer before it is
// handed to the Hub.
func (h *Hub) accept(inbound bool) {
	p := &Peer{hub: h}
	p.mu.Lock()
	if inbound {
		p.timer = time.AfterFunc(time.Second, p.expire)
	}
	if !inbound {
		h.mu.RLock()
		_ = len(h.peers)
		h.mu.RUnlock()
	}
	p.mu.Unlock()
	h.mu.Lock()
	h.peers = append(h.peers, p)
	h.mu.Unlock()
	go func() { p.expire() }()
}

// The buggy twin: the timer that publishes the Peer starts under another
// condition than the one the Hub's lock is taken under, so both can run, and
// the timer's goroutine may lock the Peer while visit holds the Hub.
type BadHub struct {
	mu    sync.RWMutex
	peers []*BadPeer
}

type BadPeer struct {
	mu    sync.Mutex
	hub   *BadHub
	timer *time.Timer
}

func (p *BadPeer) expire() {
	p.mu.Lock()
	p.mu.Unlock()
}

func (h *BadHub) visit() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range h.peers {
		p.mu.Lock()
		p.mu.Unlock()
	}
}

func (h *BadHub) accept(inbound, audit bool) {
	p := &BadPeer{hub: h}
	p.mu.Lock()
	if inbound {
		p.timer = time.AfterFunc(time.Second, p.expire)
	}
	if audit {
		h.mu.RLock() // want `lock-order cycle: \(\*BadHub\)\.mu acquired while holding \(\*BadPeer\)\.mu`
		_ = len(h.peers)
		h.mu.RUnlock()
	}
	p.mu.Unlock()
	h.mu.Lock()
	h.peers = append(h.peers, p)
	h.mu.Unlock()
	go func() { p.expire() }()
}

// --- a fresh object locked, then published while still locked ---

// Tap is locked fresh and handed, still locked, to a goroutine that needs
// its lock before it sends: the go statement publishes it (through the
// variable the closure captures), so waiting for the send under the lock
// is a deadlock, fresh or not.
type Tap struct {
	mu sync.Mutex
	n  int
}

func openTap() int {
	t := &Tap{}
	ch := make(chan int)
	t.mu.Lock()
	go func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		ch <- t.n
	}()
	v := <-ch // want `communication deadlock: receive from ch while holding \(\*Tap\)\.mu; the sender takes \(\*Tap\)\.mu first`
	t.mu.Unlock()
	return v
}
