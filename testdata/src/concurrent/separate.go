package concurrent

import "sync"

// Two orders run at once on one object: a deadlock.

type Journal struct {
	mu    sync.Mutex
	index Offsets
}

type Offsets struct {
	mu   sync.Mutex
	keys []string
}

func NewJournal() *Journal { return &Journal{} }

func (l *Journal) put(k string) {
	l.mu.Lock()
	l.index.mu.Lock()
	l.index.keys = append(l.index.keys, k)
	l.index.mu.Unlock()
	l.mu.Unlock()
}

func (l *Journal) compact() {
	l.index.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Journal\)\.mu acquired while holding \(\*Offsets\)\.mu; \(\*Journal\)\.put takes them in the opposite order; Shared runs both at once$`
	l.index.keys = nil
	l.mu.Unlock()
	l.index.mu.Unlock()
}

func Shared(keys []string) *Journal {
	l := NewJournal()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, k := range keys {
			l.put(k)
		}
	}()
	l.compact()
	<-done
	return l
}

// The twin: the same two orders at once, but the call runs on a ledger of
// its own, made here and shown to nobody else, whose locks the goroutine
// cannot take. The class-level cycle is lockorder's, with no witness.

type Journal2 struct {
	mu    sync.Mutex
	index Offsets2
}

type Offsets2 struct {
	mu   sync.Mutex
	keys []string
}

func NewJournal2() *Journal2 { return &Journal2{} }

func (l *Journal2) put(k string) {
	l.mu.Lock()
	l.index.mu.Lock()
	l.index.keys = append(l.index.keys, k)
	l.index.mu.Unlock()
	l.mu.Unlock()
}

func (l *Journal2) compact() {
	l.index.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Journal2\)\.mu acquired while holding \(\*Offsets2\)\.mu; \(\*Journal2\)\.put takes them in the opposite order$`
	l.index.keys = nil
	l.mu.Unlock()
	l.index.mu.Unlock()
}

func Separate(keys []string) (*Journal2, *Journal2) {
	a, b := NewJournal2(), NewJournal2()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, k := range keys {
			a.put(k)
		}
	}()
	b.compact()
	<-done
	return a, b
}
