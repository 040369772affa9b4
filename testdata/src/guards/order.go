package guards

import "sync"

// Lock order under a guard: poke locks the peer's lock only when asked.

type Left struct {
	mu    sync.Mutex
	right *Right
}

type Right struct {
	mu   sync.Mutex
	left *Left
}

func (r *Right) poke(lockLeft bool) {
	if lockLeft {
		r.left.mu.Lock()
		r.left.mu.Unlock()
	}
}

// use orders Left.mu before Right.mu.
func (l *Left) use() {
	l.mu.Lock()
	l.right.mu.Lock()
	l.right.mu.Unlock()
	l.mu.Unlock()
}

// goodGuardedOrder holds Right.mu and tells poke not to lock Left.mu: no
// Right → Left edge, no cycle.
func (r *Right) goodGuardedOrder() {
	r.mu.Lock()
	r.poke(false)
	r.mu.Unlock()
}

type Up struct {
	mu   sync.Mutex
	down *Down
}

type Down struct {
	mu sync.Mutex
	up *Up
}

func (d *Down) poke(lockUp bool) {
	if lockUp {
		d.up.mu.Lock()
		d.up.mu.Unlock()
	}
}

func (u *Up) use() {
	u.mu.Lock()
	u.down.mu.Lock()
	u.down.mu.Unlock()
	u.mu.Unlock()
}

// badGuardedOrder holds Down.mu and tells poke to lock Up.mu: Up → Down
// and Down → Up form a cycle.
func (d *Down) badGuardedOrder() {
	d.mu.Lock()
	d.poke(true) // want `lock-order cycle: \(\*Up\)\.mu acquired while holding \(\*Down\)\.mu`
	d.mu.Unlock()
}
