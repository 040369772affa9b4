package mixed

import "sync"

// Workers of one type, each served by its own goroutine, which takes only
// its own worker's lock. Holding one worker's lock while asking another
// worker (the next element of a stack, or an object another constructor
// call made) waits for a goroutine that never needs the held lock: the
// sender holds worker i's lock and talks to worker i+1. The twins hold the
// lock of the very worker they ask: the same element twice (the same index
// value), or the same variable; its goroutine waits for that lock.

type stackWorker struct {
	mu   sync.Mutex
	n    int
	reqs chan chan int
}

func newStackWorker() *stackWorker {
	w := &stackWorker{reqs: make(chan chan int)}
	go w.loop()
	return w
}

func (w *stackWorker) loop() {
	for r := range w.reqs {
		w.mu.Lock()
		w.n++
		n := w.n
		w.mu.Unlock()
		r <- n
	}
}

func (w *stackWorker) bump() int {
	r := make(chan int, 1)
	w.reqs <- r // want `communication deadlock: send on \(\*stackWorker\)\.reqs while holding \(\*stackWorker\)\.mu; the receiver takes \(\*stackWorker\)\.mu first$`
	return <-r
}

type workerStack struct {
	workers []*stackWorker
}

func (s *workerStack) bumpBelow(i int) int {
	p, c := s.workers[i], s.workers[i+1]
	p.mu.Lock()
	defer p.mu.Unlock()
	return c.bump()
}

func bumpOther() int {
	parent, child := newStackWorker(), newStackWorker()
	parent.mu.Lock()
	defer parent.mu.Unlock()
	return child.bump()
}

func (s *workerStack) bumpSame(i int) int {
	s.workers[i].mu.Lock()
	defer s.workers[i].mu.Unlock()
	return s.workers[i].bump()
}
