// Package ownership tests locks the analysis can prove no other goroutine
// reaches: objects allocated in the function and not yet published, stripes
// of one lock array nested under a common outer lock, unlocks inside
// range-over-func bodies, and unlock closures and locked objects handed
// between functions. Each silent case has a buggy twin that is still
// reported.
package ownership

import "sync"

// --- a fresh, unpublished object ---

// Leaf and Branch: a fresh Leaf locked before a Branch, and an existing
// Leaf locked after a Branch elsewhere.
type Leaf struct {
	mu     sync.Mutex
	branch *Branch
}

type Branch struct {
	mu   sync.Mutex
	leaf *Leaf
}

// newLeaf locks its fresh Leaf, then the Branch it attaches to.
func newLeaf(b *Branch) *Leaf {
	l := &Leaf{branch: b}
	l.mu.Lock()
	defer l.mu.Unlock()
	b.mu.Lock()
	b.leaf = l
	b.mu.Unlock()
	return l
}

// touch takes the Branch, then its Leaf.
func (b *Branch) touch() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.leaf.mu.Lock()
	b.leaf.mu.Unlock()
}

// The buggy twin: the Leaf is published (stored in the Branch, which another
// goroutine reaches through touch) before it is locked with the Branch
// taken inside: a real cycle.
type BadLeaf struct {
	mu     sync.Mutex
	branch *BadBranch
}

type BadBranch struct {
	mu   sync.Mutex
	leaf *BadLeaf
}

func (b *BadBranch) touch() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.leaf.mu.Lock()
	b.leaf.mu.Unlock()
}

func newBadLeaf(b *BadBranch) *BadLeaf {
	l := &BadLeaf{branch: b}
	b.leaf = l // published: touch can lock it from now on
	l.mu.Lock()
	defer l.mu.Unlock()
	b.mu.Lock() // want `lock-order cycle: \(\*BadBranch\)\.mu acquired while holding \(\*BadLeaf\)\.mu`
	b.mu.Unlock()
	return l
}

// --- a fresh object from a constructor, and one per loop iteration ---

type Pool struct {
	mu    sync.Mutex
	conns []*Conn
}

type Conn struct {
	mu   sync.Mutex
	pool *Pool
}

// newConn returns a Conn nothing else has seen: the caller owns it.
func newConn(p *Pool) *Conn {
	return &Conn{pool: p}
}

// open locks the Conn its constructor returned, then the Pool, and
// publishes the Conn only under the Pool's lock, after both are taken.
func (p *Pool) open() *Conn {
	c := newConn(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	p.mu.Lock()
	p.conns = append(p.conns, c)
	p.mu.Unlock()
	return c
}

// openMany allocates a Conn per iteration: publishing one iteration's Conn
// does not publish the next one's.
func (p *Pool) openMany(n int) {
	for i := 0; i < n; i++ {
		c := &Conn{pool: p}
		c.mu.Lock()
		p.mu.Lock()
		p.conns = append(p.conns, c)
		p.mu.Unlock()
		c.mu.Unlock()
	}
}

// closeAll takes the Pool, then each Conn.
func (p *Pool) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.mu.Lock()
		c.mu.Unlock()
	}
}

// The buggy twin: the constructor publishes the Conn (registers it in the
// Pool) before returning it, so the caller does not own it.
type BadPool struct {
	mu    sync.Mutex
	conns []*BadConn
}

type BadConn struct {
	mu   sync.Mutex
	pool *BadPool
}

func newBadConn(p *BadPool) *BadConn {
	c := &BadConn{pool: p}
	p.mu.Lock()
	p.conns = append(p.conns, c)
	p.mu.Unlock()
	return c
}

func (p *BadPool) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.mu.Lock()
		c.mu.Unlock()
	}
}

func (p *BadPool) open() *BadConn {
	c := newBadConn(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	p.mu.Lock() // want `lock-order cycle: \(\*BadPool\)\.mu acquired while holding \(\*BadConn\)\.mu`
	p.mu.Unlock()
	return c
}
