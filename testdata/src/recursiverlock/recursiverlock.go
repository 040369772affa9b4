// Package recursiverlock tests the recursiverlock check: a sync.RWMutex
// read-locked again (directly, through calls, closures, method values or an
// RLocker) by a goroutine that already read-holds it. Every badX case has a
// goodX twin of the same shape with the bug fixed, which must stay silent.
// The second RLock blocks only behind a writer waiting in Lock, so each lock
// here has a writer too; a lock only this package can reach that nothing
// write-locks is never reported (see readers.go).
package recursiverlock

import "sync"

// Cache is the receiver of most cases; lookup read-locks c.mu.
type Cache struct {
	mu sync.RWMutex
	m  map[string]string
}

// Put is Cache's writer.
func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

func (c *Cache) lookup(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}

// badGet calls lookup while read-holding c.mu.
func (c *Cache) badGet(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.lookup(k) // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
}

// goodGet reads the map directly.
func (c *Cache) goodGet(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}

// badDirect read-locks c.mu twice in a row.
func (c *Cache) badDirect(k string) string {
	c.mu.RLock()
	v := c.m[k]
	c.mu.RLock() // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
	v += c.m[v]
	c.mu.RUnlock()
	c.mu.RUnlock()
	return v
}

// goodDirect releases the first read lock before taking the second.
func (c *Cache) goodDirect(k string) string {
	c.mu.RLock()
	v := c.m[k]
	c.mu.RUnlock()
	c.mu.RLock()
	v += c.m[v]
	c.mu.RUnlock()
	return v
}

// a -> b -> lookup: the read lock is taken three calls down.
func (c *Cache) a(k string) string { return c.b(k) }
func (c *Cache) b(k string) string { return c.lookup(k) }

// badDeep reaches lookup through a -> b.
func (c *Cache) badDeep(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.a(k) // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
}

// goodDeep makes the same call after releasing the read lock.
func (c *Cache) goodDeep(k string) string {
	c.mu.RLock()
	_, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		return ""
	}
	return c.a(k)
}

// badEarlyReturn releases the read lock only when the key is missing.
func (c *Cache) badEarlyReturn(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	if !ok {
		c.mu.RUnlock()
		return ""
	}
	v = c.lookup(v) // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
	c.mu.RUnlock()
	return v
}

// goodEarlyReturn releases the read lock on both paths before lookup.
func (c *Cache) goodEarlyReturn(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		return ""
	}
	return c.lookup(v)
}

// badTryRLock read-holds c.mu after a successful TryRLock, then calls lookup.
func (c *Cache) badTryRLock(k string) string {
	if !c.mu.TryRLock() {
		return ""
	}
	defer c.mu.RUnlock()
	return c.lookup(k) // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
}

// goodTryRLock reads the map directly.
func (c *Cache) goodTryRLock(k string) string {
	if !c.mu.TryRLock() {
		return ""
	}
	defer c.mu.RUnlock()
	return c.m[k]
}

// badMethodValue calls the method value c.lookup while read-holding c.mu.
func (c *Cache) badMethodValue(k string) string {
	get := c.lookup
	c.mu.RLock()
	defer c.mu.RUnlock()
	return get(k) // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
}

// goodMethodValue calls the method value after releasing c.mu.
func (c *Cache) goodMethodValue(k string) string {
	get := c.lookup
	c.mu.RLock()
	_, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		return ""
	}
	return get(k)
}

// badStoredClosure calls a read-locking closure while read-holding c.mu.
func (c *Cache) badStoredClosure(k string) int {
	size := func() int { c.mu.RLock(); defer c.mu.RUnlock(); return len(c.m) }
	c.mu.RLock()
	defer c.mu.RUnlock()
	return size() + len(c.m[k]) // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
}

// goodStoredClosure's closure does not lock; the caller holds c.mu.
func (c *Cache) goodStoredClosure(k string) int {
	size := func() int { return len(c.m) }
	c.mu.RLock()
	defer c.mu.RUnlock()
	return size() + len(c.m[k])
}

// badInlineClosure read-locks c.mu inside an immediately called func literal.
func (c *Cache) badInlineClosure(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return func() string { c.mu.RLock(); defer c.mu.RUnlock(); return c.m[k] }() // want `recursive read lock: \(\*Cache\)\.mu read-locked while already read-held`
}

// goodInlineClosure's func literal does not lock.
func (c *Cache) goodInlineClosure(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return func() string { return c.m[k] }()
}

// Store reads through an RLocker: Lock on it is RLock on s.rw.
type Store struct {
	rw sync.RWMutex
	m  map[string]int
}

func (s *Store) Set(k string, v int) {
	s.rw.Lock()
	s.m[k] = v
	s.rw.Unlock()
}

func (s *Store) Get(k string) int {
	s.rw.RLock()
	defer s.rw.RUnlock()
	return s.m[k]
}

// badRLocker read-holds s.rw through its RLocker and calls Get.
func (s *Store) badRLocker(k string) int {
	r := s.rw.RLocker()
	r.Lock()
	defer r.Unlock()
	return s.Get(k) // want `recursive read lock: \(\*Store\)\.rw read-locked while already read-held`
}

// goodRLocker reads the map directly while holding the RLocker.
func (s *Store) goodRLocker(k string) int {
	r := s.rw.RLocker()
	r.Lock()
	defer r.Unlock()
	return s.m[k]
}

// Index is generic; Len read-locks i.rw.
type Index[K comparable, V any] struct {
	rw sync.RWMutex
	m  map[K]V
}

func (i *Index[K, V]) Put(k K, v V) {
	i.rw.Lock()
	i.m[k] = v
	i.rw.Unlock()
}

func (i *Index[K, V]) Len() int {
	i.rw.RLock()
	defer i.rw.RUnlock()
	return len(i.m)
}

// badGenericKeys calls Len while read-holding i.rw.
func (i *Index[K, V]) badGenericKeys() []K {
	i.rw.RLock()
	defer i.rw.RUnlock()
	keys := make([]K, 0, i.Len()) // want `recursive read lock: \(\*Index\)\.rw read-locked while already read-held`
	for k := range i.m {
		keys = append(keys, k)
	}
	return keys
}

// goodGenericKeys uses len(i.m) directly.
func (i *Index[K, V]) goodGenericKeys() []K {
	i.rw.RLock()
	defer i.rw.RUnlock()
	keys := make([]K, 0, len(i.m))
	for k := range i.m {
		keys = append(keys, k)
	}
	return keys
}

// Registry embeds its RWMutex; Has read-locks it via the promoted method.
type Registry struct {
	sync.RWMutex
	names map[string]bool
}

func (r *Registry) Has(name string) bool {
	r.RLock()
	defer r.RUnlock()
	return r.names[name]
}

// badEmbedded calls Has while read-holding the embedded RWMutex.
func (r *Registry) badEmbedded(a, b string) bool {
	r.RLock()
	defer r.RUnlock()
	return r.names[a] && r.Has(b) // want `recursive read lock: \(\*Registry\)\.RWMutex read-locked while already read-held`
}

// goodEmbedded reads both names directly.
func (r *Registry) goodEmbedded(a, b string) bool {
	r.RLock()
	defer r.RUnlock()
	return r.names[a] && r.names[b]
}

// configMu is a package-level RWMutex guarding config.
var (
	configMu sync.RWMutex
	config   = map[string]string{}
)

func setSetting(k, v string) {
	configMu.Lock()
	config[k] = v
	configMu.Unlock()
}

func setting(k string) string {
	configMu.RLock()
	defer configMu.RUnlock()
	return config[k]
}

// badPackageVar calls setting while read-holding configMu.
func badPackageVar(k string) string {
	configMu.RLock()
	defer configMu.RUnlock()
	if config[k] == "" {
		return setting("default") // want `recursive read lock: configMu read-locked while already read-held`
	}
	return config[k]
}

// goodPackageVar reads the default directly.
func goodPackageVar(k string) string {
	configMu.RLock()
	defer configMu.RUnlock()
	if config[k] == "" {
		return config["default"]
	}
	return config[k]
}

// badLocal read-locks a local RWMutex twice.
func badLocal() {
	var rw sync.RWMutex
	go func() {
		rw.Lock()
		rw.Unlock()
	}()
	rw.RLock()
	rw.RLock() // want `recursive read lock: rw read-locked while already read-held`
	rw.RUnlock()
	rw.RUnlock()
}

// goodLocal releases the first read lock before the second.
func goodLocal() {
	var rw sync.RWMutex
	go func() {
		rw.Lock()
		rw.Unlock()
	}()
	rw.RLock()
	rw.RUnlock()
	rw.RLock()
	rw.RUnlock()
}
