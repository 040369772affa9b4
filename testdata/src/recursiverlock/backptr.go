package recursiverlock

import "sync"

// A registry keeps its members in a map, and each member points back to
// the registry that made it: a member's method that read-locks m.reg.mu,
// called while the registry holds reg.mu for reading, read-locks the same
// lock again. Every member the package puts in a registry's map is made
// with that registry, so m.reg, for m ranging over reg.members, is reg.

type registry struct {
	mu      sync.RWMutex
	members map[string]*member
	count   int
}

type member struct {
	reg  *registry
	name string
}

func newRegistry(names []string) *registry {
	reg := &registry{members: make(map[string]*member)}
	for _, n := range names {
		m := &member{reg: reg, name: n}
		reg.members[n] = m
	}
	return reg
}

func (r *registry) size() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.count
}

func (m *member) share() int { return m.reg.size() }

func (r *registry) badShares() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n := 0
	for _, m := range r.members {
		n += m.share() // want `recursive read lock: \(\*registry\)\.mu read-locked while already read-held \(through \(\*registry\)\.size\)`
	}
	return n
}

func (r *registry) Grow() {
	r.mu.Lock()
	r.count++
	r.mu.Unlock()
}

// A club's members may be made with another club (adopt): m.club, for m
// ranging over c.members, is not known to be c. Silent.

type club struct {
	mu      sync.RWMutex
	members map[string]*clubMember
	count   int
}

type clubMember struct {
	club *club
}

func newClub() *club { return &club{members: make(map[string]*clubMember)} }

func (c *club) adopt(name string, other *club) {
	m := &clubMember{club: other}
	c.members[name] = m
}

func (c *club) size() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count
}

func (m *clubMember) share() int { return m.club.size() }

func (c *club) goodShares() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for _, m := range c.members {
		n += m.share()
	}
	return n
}

func (c *club) Grow() {
	c.mu.Lock()
	c.count++
	c.mu.Unlock()
}
