// Package crossup locks its own mutexes; crossdown completes the bugs, which
// only the facts exported here can connect under go vet.
package crossup

import "sync"

// Registry is guarded by mu.
type Registry struct {
	mu    sync.Mutex
	names map[string]int
}

// Add locks the registry.
func (r *Registry) Add(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names[name]++
}

// Begin returns with the registry locked; End unlocks it.
func (r *Registry) Begin() { r.mu.Lock() }

// End unlocks what Begin locked.
func (r *Registry) End() { r.mu.Unlock() }
