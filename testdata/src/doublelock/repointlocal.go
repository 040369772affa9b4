package doublelock

import "sync"

// A local variable whose address is taken lives in memory (go/ssa keeps
// it in an Alloc): a store into it (*pc = cur.next through a pointer to
// it, or a struct handle assigned whole, h = b) makes a lock named through
// it another object's. Locking through it again after such a store is no
// relock; without the store it is.

type listNode struct {
	mu   sync.Mutex
	key  int
	next *listNode
}

// PopFirstGood re-points the cursor through pc before it locks again.
func PopFirstGood(head *listNode) int {
	cur := head
	pc := &cur
	cur.mu.Lock()
	h := cur
	*pc = h.next
	cur.mu.Lock()
	h.next = cur.next
	cur.mu.Unlock()
	h.mu.Unlock()
	return cur.key
}

// PopFirstBad forgets to step the cursor.
func PopFirstBad(head *listNode) int {
	cur := head
	pc := &cur
	cur.mu.Lock()
	h := cur
	_ = pc
	cur.mu.Lock() // want `double lock: \(\*listNode\).mu locked again by this function while it holds it`
	h.next = cur.next
	cur.mu.Unlock()
	h.mu.Unlock()
	return cur.key
}

type leaseRef struct {
	ls *leaseBox
	id int64
}

type leaseBox struct {
	mu   sync.Mutex
	keys []string
}

// ExchangeGood locks two leases in ID order through one handle assigned
// whole to the second.
func ExchangeGood(a, b leaseRef) {
	if a.id > b.id {
		a, b = b, a
	}
	h := a
	h.ls.mu.Lock()
	held := h
	h = b
	h.ls.mu.Lock()
	a.ls.keys, b.ls.keys = b.ls.keys, a.ls.keys
	h.ls.mu.Unlock()
	held.ls.mu.Unlock()
}

// ExchangeBad locks through the handle twice without reassigning it.
func ExchangeBad(a, b leaseRef) {
	h := a
	h.ls.mu.Lock()
	held := h
	h.ls.mu.Lock() // want `double lock: \(\*leaseBox\).mu locked again by this function while it holds it`
	a.ls.keys, b.ls.keys = b.ls.keys, a.ls.keys
	h.ls.mu.Unlock()
	held.ls.mu.Unlock()
}
