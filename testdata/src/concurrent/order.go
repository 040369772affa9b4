// Package concurrent holds the claims that need two goroutines at once
// (a lock-order cycle, a recursive read lock behind a writer, a wait on a
// partner that needs a held lock), each once with a witness in the
// package (a function that starts both sides: reported by the
// concurrent* check) and once without (the same code run one side after
// the other: only the experimental check reports it, and its message has
// no witness).
package concurrent

import "sync"

// Go statement, then a call: both orders run at once.

type Store struct {
	mu    sync.Mutex
	cache *Cache
}

type Cache struct {
	mu    sync.Mutex
	store *Store
}

func (s *Store) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store\)\.mu acquired while holding \(\*Cache\)\.mu; \(\*Store\)\.flush takes them in the opposite order; Run runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func Run(s *Store) {
	go s.flush()
	s.cache.evict()
}

// The fixed twin: the same orders, one after the other in one goroutine.

type Store2 struct {
	mu    sync.Mutex
	cache *Cache2
}

type Cache2 struct {
	mu    sync.Mutex
	store *Store2
}

func (s *Store2) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache2) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store2\)\.mu acquired while holding \(\*Cache2\)\.mu; \(\*Store2\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func Run2(s *Store2) {
	s.flush()
	s.cache.evict()
}

// One go statement in a loop: two of its goroutines take the two orders.

type Pool struct {
	a, b sync.Mutex
}

func (p *Pool) ab() {
	p.a.Lock()
	p.b.Lock()
	p.b.Unlock()
	p.a.Unlock()
}

func (p *Pool) ba() {
	p.b.Lock()
	p.a.Lock() // want `lock-order cycle: \(\*Pool\)\.a acquired while holding \(\*Pool\)\.b; \(\*Pool\)\.ab takes them in the opposite order; \(\*Pool\)\.Start runs both at once$`
	p.a.Unlock()
	p.b.Unlock()
}

func (p *Pool) work() {
	p.ab()
	p.ba()
}

func (p *Pool) Start(n int) {
	for i := 0; i < n; i++ {
		go p.work()
	}
}

// The fixed twin: one worker, which takes the orders one after the other.

type Pool2 struct {
	a, b sync.Mutex
}

func (p *Pool2) ab() {
	p.a.Lock()
	p.b.Lock()
	p.b.Unlock()
	p.a.Unlock()
}

func (p *Pool2) ba() {
	p.b.Lock()
	p.a.Lock() // want `lock-order cycle: \(\*Pool2\)\.a acquired while holding \(\*Pool2\)\.b; \(\*Pool2\)\.ab takes them in the opposite order$`
	p.a.Unlock()
	p.b.Unlock()
}

func (p *Pool2) work() {
	p.ab()
	p.ba()
}

func (p *Pool2) Start() {
	go p.work()
}

// A constructor that starts the goroutine: it runs on after the call
// returns, while the caller takes the other order.

type Conn struct {
	mu   sync.Mutex
	sess *Session
}

type Session struct {
	mu   sync.Mutex
	conn *Conn
}

func NewConn() *Conn {
	c := &Conn{sess: &Session{}}
	c.sess.conn = c
	go c.loop()
	return c
}

func (c *Conn) loop() {
	c.mu.Lock()
	c.sess.mu.Lock()
	c.sess.mu.Unlock()
	c.mu.Unlock()
}

func (s *Session) close() {
	s.mu.Lock()
	s.conn.mu.Lock() // want `lock-order cycle: \(\*Conn\)\.mu acquired while holding \(\*Session\)\.mu; \(\*Conn\)\.loop takes them in the opposite order; Dial runs both at once$`
	s.conn.mu.Unlock()
	s.mu.Unlock()
}

func Dial() {
	c := NewConn()
	c.sess.close()
}

// The twin of Pool for a loop whose goroutines share nothing: each makes
// its own Pair3, so two iterations take the two orders on two objects.

type Pair3 struct {
	a, b sync.Mutex
}

var pairs []*Pair3

func newPair3() *Pair3 {
	p := &Pair3{}
	pairs = append(pairs, p)
	return p
}

func (p *Pair3) ab() {
	p.a.Lock()
	p.b.Lock()
	p.b.Unlock()
	p.a.Unlock()
}

func (p *Pair3) ba() {
	p.b.Lock()
	p.a.Lock() // want `lock-order cycle: \(\*Pair3\)\.a acquired while holding \(\*Pair3\)\.b; \(\*Pair3\)\.ab takes them in the opposite order$`
	p.a.Unlock()
	p.b.Unlock()
}

func StartEach(n int) {
	for i := 0; i < n; i++ {
		go func() {
			p := newPair3()
			p.ab()
			p.ba()
		}()
	}
}
