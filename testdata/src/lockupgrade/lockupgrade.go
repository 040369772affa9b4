// Package lockupgrade tests the lockupgrade check: a sync.RWMutex
// write-locked (directly, through calls, closures, method values or after an
// RLocker) by a goroutine that read-holds it. Every badX case has a goodX
// twin of the same shape with the bug fixed, which must stay silent.
package lockupgrade

import "sync"

func fetch(k string) string { return k }

// Cache is the receiver of most cases; store write-locks c.mu.
type Cache struct {
	mu sync.RWMutex
	m  map[string]string
}

func (c *Cache) store(k, v string) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

// badLoad write-locks c.mu inside the read-locked section.
func (c *Cache) badLoad(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if _, ok := c.m[k]; !ok {
		c.mu.Lock() // want `read-to-write upgrade: \(\*Cache\)\.mu write-locked while read-held`
		c.m[k] = fetch(k)
		c.mu.Unlock()
	}
	return c.m[k]
}

// goodLoad releases the read lock and re-checks under the write lock.
func (c *Cache) goodLoad(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		c.mu.Lock()
		if v, ok = c.m[k]; !ok {
			v = fetch(k)
			c.m[k] = v
		}
		c.mu.Unlock()
	}
	return v
}

// badViaCall calls store while read-holding c.mu.
func (c *Cache) badViaCall(k string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.m[k] == "" {
		c.store(k, fetch(k)) // want `read-to-write upgrade: \(\*Cache\)\.mu write-locked while read-held`
	}
}

// goodViaCall decides under the read lock and stores after releasing it.
func (c *Cache) goodViaCall(k string) {
	c.mu.RLock()
	missing := c.m[k] == ""
	c.mu.RUnlock()
	if missing {
		c.store(k, fetch(k))
	}
}

// a -> b -> store: the write lock is taken three calls down.
func (c *Cache) a(k string) { c.b(k) }
func (c *Cache) b(k string) { c.store(k, fetch(k)) }

// badDeep reaches store through a -> b.
func (c *Cache) badDeep(k string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.a(k) // want `read-to-write upgrade: \(\*Cache\)\.mu write-locked while read-held`
}

// goodDeep makes the same call after releasing the read lock.
func (c *Cache) goodDeep(k string) {
	c.mu.RLock()
	n := len(c.m)
	c.mu.RUnlock()
	if n < 100 {
		c.a(k)
	}
}

// badEarlyReturn releases the read lock only on the hit path.
func (c *Cache) badEarlyReturn(k string) string {
	c.mu.RLock()
	if v, ok := c.m[k]; ok {
		c.mu.RUnlock()
		return v
	}
	c.mu.Lock() // want `read-to-write upgrade: \(\*Cache\)\.mu write-locked while read-held`
	c.m[k] = fetch(k)
	c.mu.Unlock()
	c.mu.RUnlock()
	return c.m[k]
}

// goodEarlyReturn releases the read lock on the miss path too.
func (c *Cache) goodEarlyReturn(k string) string {
	c.mu.RLock()
	if v, ok := c.m[k]; ok {
		c.mu.RUnlock()
		return v
	}
	c.mu.RUnlock()
	c.mu.Lock()
	c.m[k] = fetch(k)
	c.mu.Unlock()
	return k
}

// badTryRLock read-holds c.mu after a successful TryRLock, then stores.
func (c *Cache) badTryRLock(k string) {
	if !c.mu.TryRLock() {
		return
	}
	defer c.mu.RUnlock()
	c.store(k, fetch(k)) // want `read-to-write upgrade: \(\*Cache\)\.mu write-locked while read-held`
}

// goodTryRLock releases the read lock before storing.
func (c *Cache) goodTryRLock(k string) {
	if !c.mu.TryRLock() {
		return
	}
	c.mu.RUnlock()
	c.store(k, fetch(k))
}

// badMethodValue calls the method value c.store while read-holding c.mu.
func (c *Cache) badMethodValue(k string) {
	put := c.store
	c.mu.RLock()
	defer c.mu.RUnlock()
	put(k, fetch(k)) // want `read-to-write upgrade: \(\*Cache\)\.mu write-locked while read-held`
}

// goodMethodValue calls the method value after releasing the read lock.
func (c *Cache) goodMethodValue(k string) {
	put := c.store
	c.mu.RLock()
	n := len(c.m)
	c.mu.RUnlock()
	if n < 100 {
		put(k, fetch(k))
	}
}

// apply calls the function it is given.
func apply(f func()) { f() }

// badPassedClosure passes a write-locking closure to apply under the read lock.
func (c *Cache) badPassedClosure(k string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	apply(func() { c.mu.Lock(); c.m[k] = ""; c.mu.Unlock() }) // want `read-to-write upgrade: \(\*Cache\)\.mu write-locked while read-held`
}

// goodPassedClosure's closure does not lock.
func (c *Cache) goodPassedClosure(k string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	apply(func() { _ = c.m[k] })
}

// Store upgrades through an RLocker: Lock on it is RLock on s.rw.
type Store struct {
	rw sync.RWMutex
	m  map[string]int
}

// badRLocker write-locks s.rw while read-holding it through its RLocker.
func (s *Store) badRLocker(k string) {
	r := s.rw.RLocker()
	r.Lock()
	defer r.Unlock()
	if s.m[k] == 0 {
		s.rw.Lock() // want `read-to-write upgrade: \(\*Store\)\.rw write-locked while read-held`
		s.m[k] = 1
		s.rw.Unlock()
	}
}

// goodRLocker releases the RLocker before write-locking.
func (s *Store) goodRLocker(k string) {
	r := s.rw.RLocker()
	r.Lock()
	missing := s.m[k] == 0
	r.Unlock()
	if missing {
		s.rw.Lock()
		s.m[k] = 1
		s.rw.Unlock()
	}
}

// Memo is generic; Set write-locks m.rw.
type Memo[K comparable, V any] struct {
	rw sync.RWMutex
	m  map[K]V
}

func (m *Memo[K, V]) Set(k K, v V) {
	m.rw.Lock()
	defer m.rw.Unlock()
	m.m[k] = v
}

// badGeneric calls Set while read-holding m.rw.
func (m *Memo[K, V]) badGeneric(k K, v V) {
	m.rw.RLock()
	defer m.rw.RUnlock()
	if _, ok := m.m[k]; !ok {
		m.Set(k, v) // want `read-to-write upgrade: \(\*Memo\)\.rw write-locked while read-held`
	}
}

// goodGeneric checks under the read lock and sets after releasing it.
func (m *Memo[K, V]) goodGeneric(k K, v V) {
	m.rw.RLock()
	_, ok := m.m[k]
	m.rw.RUnlock()
	if !ok {
		m.Set(k, v)
	}
}

// Registry embeds its RWMutex.
type Registry struct {
	sync.RWMutex
	names map[string]bool
}

// badEmbedded write-locks the embedded RWMutex while read-holding it.
func (r *Registry) badEmbedded(name string) {
	r.RLock()
	defer r.RUnlock()
	if !r.names[name] {
		r.Lock() // want `read-to-write upgrade: \(\*Registry\)\.RWMutex write-locked while read-held`
		r.names[name] = true
		r.Unlock()
	}
}

// goodEmbedded releases the read lock first.
func (r *Registry) goodEmbedded(name string) {
	r.RLock()
	known := r.names[name]
	r.RUnlock()
	if !known {
		r.Lock()
		r.names[name] = true
		r.Unlock()
	}
}

// routesMu is a package-level RWMutex; addRoute write-locks it.
var (
	routesMu sync.RWMutex
	routes   = map[string]int{}
)

func addRoute(path string) {
	routesMu.Lock()
	defer routesMu.Unlock()
	routes[path]++
}

// badPackageVar calls addRoute while read-holding routesMu.
func badPackageVar(path string) {
	routesMu.RLock()
	defer routesMu.RUnlock()
	if routes[path] == 0 {
		addRoute(path) // want `read-to-write upgrade: routesMu write-locked while read-held`
	}
}

// goodPackageVar checks under the read lock and adds after releasing it.
func goodPackageVar(path string) {
	routesMu.RLock()
	missing := routes[path] == 0
	routesMu.RUnlock()
	if missing {
		addRoute(path)
	}
}

// badLocal write-locks a local RWMutex while read-holding it.
func badLocal() {
	var rw sync.RWMutex
	rw.RLock()
	rw.Lock() // want `read-to-write upgrade: rw write-locked while read-held`
	rw.Unlock()
	rw.RUnlock()
}

// goodLocal releases the read lock before write-locking.
func goodLocal() {
	var rw sync.RWMutex
	rw.RLock()
	rw.RUnlock()
	rw.Lock()
	rw.Unlock()
}
