package ownership

import (
	"sync"

	"ownership/conns"
)

// --- a fresh object from a constructor in another package ---

type Dialer struct {
	mu    sync.Mutex
	conns []*conns.Conn
}

// dial locks the Conn conns.New returned, then the Dialer: the Conn is its
// own until it is appended under the Dialer's lock.
func (d *Dialer) dial() *conns.Conn {
	c := conns.New()
	c.Mu.Lock()
	defer c.Mu.Unlock()
	d.mu.Lock()
	d.conns = append(d.conns, c)
	d.mu.Unlock()
	return c
}

// closeAll takes the Dialer, then each Conn.
func (d *Dialer) closeAll() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.conns {
		c.Mu.Lock()
		c.Mu.Unlock()
	}
}

// The buggy twin: conns.NewRegistered publishes the Conn, so locking it
// before the BadDialer's lock is an order another goroutine can reverse.
type BadDialer struct {
	mu    sync.Mutex
	conns []*conns.Conn
}

func (d *BadDialer) closeAll() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.conns {
		c.Mu.Lock()
		c.Mu.Unlock()
	}
}

func (d *BadDialer) dial() *conns.Conn {
	c := conns.NewRegistered()
	c.Mu.Lock()
	defer c.Mu.Unlock()
	d.mu.Lock() // want `lock-order cycle: \(\*BadDialer\)\.mu acquired while holding \(\*conns\.Conn\)\.Mu`
	d.conns = append(d.conns, c)
	d.mu.Unlock()
	return c
}
