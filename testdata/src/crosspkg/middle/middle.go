// Package middle sits between crosspkg/upstream and crosspkg/downstream: it
// calls upstream's locking methods (sometimes while holding its own or
// upstream's locks, adding lock-order edges Stats.mu -> Router.mu and
// Session.mu -> Conn.mu) and offers its own "returns locked" helpers. Nothing
// here is a finding on its own, so this package has no wants.
package middle

import (
	"sync"

	"crosspkg/upstream"
)

// Flush sends on c, which locks c's mutex inside upstream.
func Flush(c *upstream.Conn) { c.Send() }

// FlushLocked must be called with c held.
func FlushLocked(c *upstream.Conn) { c.SendLocked() }

// RegisterAll registers every name, each taking upstream's registry lock.
func RegisterAll(names []string) {
	for _, n := range names {
		upstream.Register(n)
	}
}

// Describe read-locks t through upstream's Get.
func Describe(t *upstream.Table) string { return "name=" + t.Get("name") }

// Router: Count locks r.mu; Lock returns with r.mu held, Unlock releases it.
type Router struct {
	mu     sync.Mutex
	routes int
}

func (r *Router) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.routes
}

func (r *Router) Lock()   { r.mu.Lock() }
func (r *Router) Unlock() { r.mu.Unlock() }

// Export holds the stats lock while counting routes: edge Stats.mu -> Router.mu.
func Export(st *upstream.Stats, r *Router) int {
	st.Hold()
	defer st.Done()
	return r.Count()
}

// Session: Write holds s.mu while sending on the conn: edge Session.mu -> Conn.mu.
type Session struct {
	mu   sync.Mutex
	conn *upstream.Conn
	seen int
}

func (s *Session) Write() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn.Send()
}

// Touch locks s.mu.
func (s *Session) Touch() {
	s.mu.Lock()
	s.seen++
	s.mu.Unlock()
}
