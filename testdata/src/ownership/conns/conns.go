// Package conns is a dependency of package ownership: one constructor
// returns a fresh Conn, the other also registers it where other goroutines
// find it.
package conns

import "sync"

type Conn struct {
	Mu sync.Mutex
	N  int
}

// New returns a Conn nothing else has seen.
func New() *Conn { return &Conn{} }

var (
	mu  sync.Mutex
	all []*Conn
)

// NewRegistered publishes the Conn before returning it.
func NewRegistered() *Conn {
	c := &Conn{}
	mu.Lock()
	all = append(all, c)
	mu.Unlock()
	return c
}
