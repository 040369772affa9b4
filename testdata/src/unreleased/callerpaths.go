package unreleased

import "sync"

// A switch on a parameter whose default case returns with the lock held:
// reported when some caller can reach the default, silent when every
// caller passes a constant of one of the cases (the default never runs).

type readMode int

const (
	fromMemory readMode = iota
	fromStore
	memoryThenStore
)

type offsets struct {
	mu    sync.RWMutex
	table map[string]int64
}

// read is only ever called with one of the three modes.
func (o *offsets) read(key string, m readMode) int64 {
	o.mu.RLock()
	switch m {
	case fromMemory, memoryThenStore:
		v := o.table[key]
		o.mu.RUnlock()
		return v
	case fromStore:
		o.mu.RUnlock()
		return -1
	default:
	}
	return -1
}

func (o *offsets) Memory(key string) int64 { return o.read(key, fromMemory) }
func (o *offsets) Store(key string) int64  { return o.read(key, fromStore) }
func (o *offsets) Both(key string) int64   { return o.read(key, memoryThenStore) }

// The same through an interface with an unexported method: every
// interface call of it is in this package, and passes a case constant.
type reader interface {
	readAt(key string, m readMode) int64
}

func (o *offsets) readAt(key string, m readMode) int64 {
	o.mu.RLock()
	switch m {
	case fromMemory:
		o.mu.RUnlock()
		return o.table[key]
	case fromStore:
		o.mu.RUnlock()
		return -1
	}
	return -1
}

func ReadBoth(r reader, key string) int64 {
	return r.readAt(key, fromMemory) + r.readAt(key, fromStore)
}

var _ reader = (*offsets)(nil)

// badOffsets' read is called with a mode no case handles.
type badOffsets struct {
	mu    sync.RWMutex
	table map[string]int64
}

func (o *badOffsets) read(key string, m readMode) int64 {
	o.mu.RLock()
	switch m {
	case fromMemory:
		v := o.table[key]
		o.mu.RUnlock()
		return v
	case fromStore:
		o.mu.RUnlock()
		return -1
	}
	return -1 // want `lock not released: \(\*badOffsets\)\.mu is still held when this path returns`
}

func (o *badOffsets) Memory(key string) int64 { return o.read(key, fromMemory) }
func (o *badOffsets) Both(key string) int64   { return o.read(key, memoryThenStore) }

// A mode passed on unchanged is decided by the callers of the function
// that passes it on.
type fwdOffsets struct {
	mu sync.Mutex
	n  int64
}

func (o *fwdOffsets) read(m readMode) int64 {
	o.mu.Lock()
	switch m {
	case fromMemory:
		o.mu.Unlock()
		return o.n
	case fromStore:
		o.mu.Unlock()
		return -1
	}
	return -1
}

func (o *fwdOffsets) get(m readMode) int64 { return o.read(m) }

func (o *fwdOffsets) Memory() int64 { return o.get(fromMemory) }
func (o *fwdOffsets) Store() int64  { return o.get(fromStore) }

// badFwdOffsets' forwarder is called with a mode read does not handle.
type badFwdOffsets struct {
	mu sync.Mutex
	n  int64
}

func (o *badFwdOffsets) read(m readMode) int64 {
	o.mu.Lock()
	switch m {
	case fromMemory:
		o.mu.Unlock()
		return o.n
	case fromStore:
		o.mu.Unlock()
		return -1
	}
	return -1 // want `lock not released: \(\*badFwdOffsets\)\.mu is still held when this path returns`
}

func (o *badFwdOffsets) get(m readMode) int64 { return o.read(m) }

func (o *badFwdOffsets) Memory() int64 { return o.get(fromMemory) }
func (o *badFwdOffsets) Both() int64   { return o.get(memoryThenStore) }
