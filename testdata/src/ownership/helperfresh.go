package ownership

import "sync"

// A helper that locks its receiver and then another object, called only on
// objects its callers have just made and shown to nobody: no other
// goroutine holds or waits for the receiver's lock, so the order it draws
// orders nothing.

type Family struct {
	mu       sync.Mutex
	children []*Kid
}

type Kid struct {
	mu sync.Mutex
	v  int
}

func (k *Kid) attach(f *Family) {
	k.mu.Lock()
	defer k.mu.Unlock()
	f.mu.Lock()
	f.children = append(f.children, k)
	f.mu.Unlock()
}

func NewFamily(n int) *Family {
	f := &Family{}
	for i := range n {
		(&Kid{v: i}).attach(f)
	}
	return f
}

func (f *Family) Sum() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := 0
	for _, k := range f.children {
		k.mu.Lock()
		t += k.v
		k.mu.Unlock()
	}
	return t
}

// The same helper called once on an object others can reach: the order is
// taken on shared objects.

type BadFamily struct {
	mu   sync.Mutex
	kids []*BadKid
}

type BadKid struct {
	mu sync.Mutex
	v  int
}

func (k *BadKid) attach(f *BadFamily) {
	k.mu.Lock()
	defer k.mu.Unlock()
	f.mu.Lock()
	f.kids = append(f.kids, k)
	f.mu.Unlock()
}

func NewBadFamily(n int) *BadFamily {
	f := &BadFamily{}
	for i := range n {
		(&BadKid{v: i}).attach(f)
	}
	return f
}

func (f *BadFamily) Reattach(k *BadKid) { k.attach(f) }

func (f *BadFamily) Sum() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := 0
	for _, k := range f.kids {
		k.mu.Lock() // want `lock-order cycle: \(\*BadKid\)\.mu acquired while holding \(\*BadFamily\)\.mu`
		t += k.v
		k.mu.Unlock()
	}
	return t
}

// A helper that links the new object to a shared one before it publishes
// it: the call publishes the child, but only after the helper has drawn
// its order, so up to then the child's lock is still the caller's alone.

type Grove struct {
	mu     sync.Mutex
	leaves []*Twig
}

type Twig struct {
	mu   sync.Mutex
	tree *Grove
	v    int
}

func (l *Twig) setGrove(t *Grove) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tree = t
	t.mu.Lock()
	t.leaves = append(t.leaves, l)
	t.mu.Unlock()
}

func NewGrove(n int) *Grove {
	t := &Grove{}
	for i := 0; i < n; i++ {
		l := &Twig{v: i}
		l.setGrove(t)
	}
	return t
}

func (t *Grove) Sum() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := 0
	for _, l := range t.leaves {
		l.mu.Lock()
		s += l.v
		l.mu.Unlock()
	}
	return s
}

// The buggy twin publishes the leaf first and then takes the leaf's lock
// and the tree's: Sum, holding the tree's lock, may wait for the leaf's.

type BadGrove struct {
	mu     sync.Mutex
	leaves []*BadTwig
	n      int
}

type BadTwig struct {
	mu   sync.Mutex
	tree *BadGrove
	v    int
}

func (l *BadTwig) setGrove(t *BadGrove) {
	t.mu.Lock()
	t.leaves = append(t.leaves, l)
	t.mu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tree = t
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

func NewBadGrove(n int) *BadGrove {
	t := &BadGrove{}
	for i := 0; i < n; i++ {
		l := &BadTwig{v: i}
		go l.setGrove(t)
	}
	return t
}

func (t *BadGrove) Sum() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := 0
	for _, l := range t.leaves {
		l.mu.Lock() // want `lock-order cycle: \(\*BadTwig\)\.mu acquired while holding \(\*BadGrove\)\.mu`
		s += l.v
		l.mu.Unlock()
	}
	return s
}
