package guards

import "sync"

// The flag may come in a field of an options struct passed by value: the
// caller decides the guard with what it put in that field of the literal it
// passes, or passes its own options on.

type Room struct {
	mu   sync.Mutex
	name string
}

type SetOptions struct {
	AlreadyLocked bool
	Reason        string
}

func (r *Room) set(name string, opts SetOptions) {
	if !opts.AlreadyLocked {
		r.mu.Lock()
		defer r.mu.Unlock()
	}
	r.name = name
}

// goodOptions holds r.mu and says so in the options.
func (r *Room) goodOptions(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.name == "" {
		r.set(name, SetOptions{AlreadyLocked: true, Reason: "create"})
	}
}

// goodForwardedOptions passes its caller's options on.
func (r *Room) forwardOptions(name string, opts SetOptions) { r.set(name, opts) }

func (r *Room) goodForwardedOptions(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.forwardOptions(name, SetOptions{AlreadyLocked: true})
}

// badOptions holds r.mu but leaves the field out: it is false.
func (r *Room) badOptions(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.set(name, SetOptions{Reason: "rename"}) // want `double lock: \(\*Room\)\.mu acquired while already held`
}

// badForwardedOptions forwards options that say the lock is not held.
func (r *Room) badForwardedOptions(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.forwardOptions(name, SetOptions{AlreadyLocked: false}) // want `double lock: \(\*Room\)\.mu acquired while already held`
}
