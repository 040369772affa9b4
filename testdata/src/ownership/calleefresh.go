package ownership

import "sync"

// --- a lock a callee takes on an object it made and has not published ---

// Settings are shared; a Session is made fresh by newSession and configured under
// the Settings's lock by clone.
type Settings struct {
	mu      sync.RWMutex
	clients []*Session
}

type Session struct {
	mu     sync.Mutex
	config *Settings
	token  string
}

func newSession(c *Settings) *Session {
	return &Session{config: c}
}

func (c *Session) setToken(t string) {
	c.mu.Lock()
	c.token = t
	c.mu.Unlock()
}

// cloneWith makes a Session and sets its token: the Session's lock is taken
// while the Session is reachable from this goroutine alone.
func cloneWith(cfg *Settings, t string) *Session {
	c := newSession(cfg)
	c.setToken(t)
	return c
}

// Clone holds the Settings's read lock while cloneWith locks the new Session:
// no goroutine can hold that Session's lock, so this orders nothing.
func (cfg *Settings) Clone(t string) *Session {
	cfg.mu.RLock()
	defer cfg.mu.RUnlock()
	return cloneWith(cfg, t)
}

// refresh takes a Session's lock, then its Settings's.
func (c *Session) refresh() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.config.mu.Lock()
	c.config.mu.Unlock()
}

// The buggy twin: badCloneWith registers the Session in the Settings before it
// sets the token, so another goroutine's refresh can hold its lock and wait
// for the Settings's.
type BadSettings struct {
	mu      sync.RWMutex
	clients []*BadSession
}

type BadSession struct {
	mu     sync.Mutex
	config *BadSettings
	token  string
}

func (c *BadSession) setToken(t string) {
	c.mu.Lock()
	c.token = t
	c.mu.Unlock()
}

func badCloneWith(cfg *BadSettings, t string) *BadSession {
	c := &BadSession{config: cfg}
	cfg.clients = append(cfg.clients, c)
	c.setToken(t)
	return c
}

func (cfg *BadSettings) Clone(t string) *BadSession {
	cfg.mu.Lock()
	defer cfg.mu.Unlock()
	return badCloneWith(cfg, t)
}

func (c *BadSession) refresh() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.config.mu.Lock() // want `lock-order cycle: \(\*BadSettings\)\.mu acquired while holding \(\*BadSession\)\.mu`
	c.config.mu.Unlock()
}

// --- a constructor that can fail, with a defer: results through slots ---

type Mesh struct {
	mu    sync.Mutex
	conns []*MConn
}

type MConn struct {
	mu   sync.Mutex
	pool *Mesh
	id   int
}

var errNoPool = errorString("no pool")

type errorString string

func (e errorString) Error() string { return string(e) }

// dialMConn returns a new MConn or nil and an error; its defer makes the
// results go through slots.
func dialMConn(p *Mesh, id int) (*MConn, error) {
	defer func() { _ = recover() }()
	if p == nil {
		return nil, errNoPool
	}
	c := &MConn{pool: p}
	c.setID(id)
	return c, nil
}

func (c *MConn) setID(id int) {
	c.mu.Lock()
	c.id = id
	c.mu.Unlock()
}

// grow configures new PConns under the Mesh's lock: each is its own until
// it is appended.
func (p *Mesh) grow(n int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := 0; i < n; i++ {
		c, err := dialMConn(p, i)
		if err != nil {
			return err
		}
		c.setID(i + 1)
		p.conns = append(p.conns, c)
	}
	return nil
}

// check takes a MConn's lock, then its Mesh's.
func (c *MConn) check() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pool.mu.Lock()
	c.pool.mu.Unlock()
}

// The buggy twin: the constructor hands the new connection to the pool's
// registry before returning it, so it is shared when grow locks it.

var registry []*BadMConn

type BadMConn struct {
	mu   sync.Mutex
	pool *BadMesh
	id   int
}

type BadMesh struct {
	mu    sync.Mutex
	conns []*BadMConn
}

func dialBadMConn(p *BadMesh, id int) (*BadMConn, error) {
	defer func() { _ = recover() }()
	if p == nil {
		return nil, errNoPool
	}
	c := &BadMConn{pool: p, id: id}
	registry = append(registry, c)
	return c, nil
}

func (c *BadMConn) setID(id int) {
	c.mu.Lock()
	c.id = id
	c.mu.Unlock()
}

func (p *BadMesh) grow(n int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := 0; i < n; i++ {
		c, err := dialBadMConn(p, i)
		if err != nil {
			return err
		}
		c.setID(i + 1)
		p.conns = append(p.conns, c)
	}
	return nil
}

func (c *BadMConn) check() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pool.mu.Lock() // want `lock-order cycle: \(\*BadMesh\)\.mu acquired while holding \(\*BadMConn\)\.mu`
	c.pool.mu.Unlock()
}
