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
