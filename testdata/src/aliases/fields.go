package aliases

import "sync"

// Fields set once, when their object is made: r.store is the Store the
// constructor was given, so r.store.mu is that Store's mu, and a.client is
// the Client passed to newAPI (behind an interface). The twins hand the
// constructor another object, or move the field after construction (then
// it names nothing known).

type Store struct {
	mu   sync.Mutex
	rows []string
}

type Reader struct {
	store *Store
}

func newReader(s *Store) *Reader { return &Reader{store: s} }

func (r *Reader) count() int {
	r.store.mu.Lock()
	defer r.store.mu.Unlock()
	return len(r.store.rows)
}

func (s *Store) badScan() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return newReader(s).count() // want `double lock: \(\*Store\)\.mu acquired while already held`
}

func (s *Store) goodScan(other *Store) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return newReader(other).count()
}

func (s *Store) badLocal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := &Reader{store: s}
	r.store.mu.Lock() // want `double lock: \(\*Store\)\.mu acquired while already held`
	r.store.mu.Unlock()
}

// --- behind an interface field ---

type Doer interface{ Do() }

type api struct{ client Doer }

func newAPI(c Doer) *api { return &api{client: c} }

func (a *api) leader() { a.client.Do() }

type Client struct {
	mu    sync.RWMutex
	peers []string
}

func (c *Client) Do() {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_ = len(c.peers)
}

func (c *Client) badSync() {
	c.mu.Lock()
	defer c.mu.Unlock()
	newAPI(c).leader() // want `double lock: \(\*Client\)\.mu acquired while already held \(through \(\*Client\)\.Do\)`
}

func (c *Client) goodSync() {
	c.mu.Lock()
	peers := c.peers
	c.mu.Unlock()
	newAPI(c).leader()
	_ = peers
}

// --- a field moved after construction: not bound ---

type Cursor struct{ store *Store }

func newCursor(s *Store) *Cursor { return &Cursor{store: s} }

func (c *Cursor) moveTo(s *Store) { c.store = s }

func (c *Cursor) read() {
	c.store.mu.Lock()
	c.store.mu.Unlock()
}

func (s *Store) goodCursor(other *Store) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := newCursor(s)
	c.moveTo(other)
	c.read()
}
