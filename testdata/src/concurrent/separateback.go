package concurrent

import "sync"

// A constructor wires its object to a helper that points back to it
// (s.comp = NewCompactor3(s), the helper taking it as an interface): the
// object is still reachable only through the pointer the constructor
// returns, so two calls make two objects nobody else has seen. The
// goroutine locks a's, the later call b's. In the twin the helper also
// registers the object in a package-level list: any goroutine can reach
// it, and the two orders may meet on one object.

type Source3 interface{ Len() int }

type Compactor3 struct{ src Source3 }

func NewCompactor3(src Source3) *Compactor3 { return &Compactor3{src: src} }

type Index3 struct{ mu sync.Mutex }

type Journal3 struct {
	mu    sync.Mutex
	index Index3
	comp  *Compactor3
}

func (l *Journal3) Len() int { return 0 }

func NewJournal3() *Journal3 {
	l := &Journal3{}
	l.comp = NewCompactor3(l)
	return l
}

func (l *Journal3) put() {
	l.mu.Lock()
	l.index.mu.Lock()
	l.index.mu.Unlock()
	l.mu.Unlock()
}

func (l *Journal3) Compact() {
	l.index.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Journal3\)\.mu acquired while holding \(\*Index3\)\.mu; \(\*Journal3\)\.put takes them in the opposite order$`
	l.mu.Unlock()
	l.index.mu.Unlock()
}

func SeparateBack() {
	a, b := NewJournal3(), NewJournal3()
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.put()
	}()
	b.Compact()
	<-done
}

type Source4 interface{ Len() int }

type Compactor4 struct{ src Source4 }

var compactors4 []*Compactor4

func NewCompactor4(src Source4) *Compactor4 {
	c := &Compactor4{src: src}
	compactors4 = append(compactors4, c)
	return c
}

type Index4 struct{ mu sync.Mutex }

type Journal4 struct {
	mu    sync.Mutex
	index Index4
	comp  *Compactor4
}

func (l *Journal4) Len() int { return 0 }

func NewJournal4() *Journal4 {
	l := &Journal4{}
	l.comp = NewCompactor4(l)
	return l
}

func (l *Journal4) put() {
	l.mu.Lock()
	l.index.mu.Lock()
	l.index.mu.Unlock()
	l.mu.Unlock()
}

func (l *Journal4) Compact() {
	l.index.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Journal4\)\.mu acquired while holding \(\*Index4\)\.mu; \(\*Journal4\)\.put takes them in the opposite order; SeparateBack4 runs both at once$`
	l.mu.Unlock()
	l.index.mu.Unlock()
}

func SeparateBack4() {
	a, b := NewJournal4(), NewJournal4()
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.put()
	}()
	b.Compact()
	<-done
}
