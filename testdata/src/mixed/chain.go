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
