package mixed

import "sync"

// A chain of nodes of one type, each served by its own goroutine: a node
// holds its own lock while it hands a message to the next node's
// goroutine, which takes the next node's lock. The lock held and the lock
// the receiver takes are two nodes' unless the chain loops back to
// itself, which nothing here shows.
type link struct {
	mu   sync.Mutex
	in   chan string
	next *link
	n    int
}

func newLinks(depth int) *link {
	l := &link{in: make(chan string)}
	if depth > 0 {
		l.next = newLinks(depth - 1)
	}
	go l.run()
	return l
}

func (l *link) run() {
	for msg := range l.in {
		l.mu.Lock()
		l.n++
		if l.next != nil {
			l.next.in <- msg
		}
		l.mu.Unlock()
	}
	if l.next != nil {
		close(l.next.in)
	}
}

// A node that hands a message to its own goroutine under its own lock
// waits for itself.
type selfLink struct {
	mu sync.Mutex
	in chan string
	n  int
}

func newSelfLink() *selfLink {
	l := &selfLink{in: make(chan string)}
	go l.run()
	return l
}

func (l *selfLink) run() {
	for range l.in {
		l.mu.Lock()
		l.n++
		l.mu.Unlock()
	}
}

func (l *selfLink) Post(msg string) {
	l.mu.Lock()
	l.in <- msg // want `communication deadlock: send on \(\*selfLink\)\.in while holding \(\*selfLink\)\.mu; the receiver takes \(\*selfLink\)\.mu first$`
	l.mu.Unlock()
}

// A tree: a node holds its own lock while it hands a message to each of
// its children's goroutines, each of which takes its own node's lock.
// Whichever element of the children slice the send names, it is another
// node than the one whose lock is held.
type treeNode struct {
	mu       sync.Mutex
	in       chan string
	children []*treeNode
	log      []string
}

func newTree(depth int) *treeNode {
	n := &treeNode{in: make(chan string)}
	if depth > 0 {
		n.children = []*treeNode{newTree(depth - 1), newTree(depth - 1)}
	}
	go n.run()
	return n
}

func (n *treeNode) run() {
	for msg := range n.in {
		n.mu.Lock()
		n.log = append(n.log, msg)
		for _, c := range n.children {
			c.in <- msg
		}
		n.mu.Unlock()
	}
	for _, c := range n.children {
		close(c.in)
	}
}

// The buggy twin: a child's goroutine takes its parent's lock, which the
// parent holds while it waits for the child to receive.
type upNode struct {
	mu       sync.Mutex
	in       chan string
	parent   *upNode
	children []*upNode
	n        int
}

func newUpTree(parent *upNode, depth int) *upNode {
	n := &upNode{in: make(chan string), parent: parent}
	if depth > 0 {
		n.children = []*upNode{newUpTree(n, depth-1), newUpTree(n, depth-1)}
	}
	go n.run()
	return n
}

func (n *upNode) run() {
	for msg := range n.in {
		if n.parent != nil {
			n.parent.mu.Lock()
			n.parent.n++
			n.parent.mu.Unlock()
		}
		n.mu.Lock()
		for _, c := range n.children {
			c.in <- msg // want `communication deadlock: send on \(\*upNode\)\.in while holding \(\*upNode\)\.mu; the receiver takes \(\*upNode\)\.mu first`
		}
		n.mu.Unlock()
	}
}
