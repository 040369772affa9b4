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
