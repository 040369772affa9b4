package commclose

import "sync"

// A worker's run loop, started by its constructor, closes done when it
// returns and takes mu on its way; Stop waits for done while it holds mu.
type worker struct {
	mu   sync.Mutex
	done chan struct{}
	n    int
}

func NewWorker() *worker {
	w := &worker{done: make(chan struct{})}
	go w.run()
	return w
}

func (w *worker) run() {
	defer close(w.done)
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
}

func (w *worker) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	<-w.done // want `communication deadlock: receive from \(\*worker\).done while holding \(\*worker\).mu; nothing sends on it, and the goroutine that closes it takes \(\*worker\).mu first`
}

// Fixed: Stop waits before it locks.
type goodWorker struct {
	mu   sync.Mutex
	done chan struct{}
	n    int
}

func NewGoodWorker() *goodWorker {
	w := &goodWorker{done: make(chan struct{})}
	go w.run()
	return w
}

func (w *goodWorker) run() {
	defer close(w.done)
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
}

func (w *goodWorker) Stop() {
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n = 0
}

// Silent: the closer is also called directly, where it may not need to
// wait for Stop's lock.
type calledWorker struct {
	mu   sync.Mutex
	done chan struct{}
	n    int
}

func NewCalledWorker() *calledWorker {
	w := &calledWorker{done: make(chan struct{})}
	go w.finish()
	return w
}

func (w *calledWorker) finish() {
	defer close(w.done)
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
}

func (w *calledWorker) Flush() { w.finish() }

func (w *calledWorker) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	<-w.done
}

// Silent: the closer closes before it locks.
type earlyWorker struct {
	mu   sync.Mutex
	done chan struct{}
	n    int
}

func NewEarlyWorker() *earlyWorker {
	w := &earlyWorker{done: make(chan struct{})}
	go w.run()
	return w
}

func (w *earlyWorker) run() {
	close(w.done)
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
}

func (w *earlyWorker) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	<-w.done
}

// Defers run last in, first out: the worker's deferred close runs before
// the call deferred ahead of it, which takes the lock only once done is
// closed. Wait holding the lock is no deadlock.
type lateCloser struct {
	mu   sync.Mutex
	runs int
	done chan struct{}
}

func startLateCloser(work func()) *lateCloser {
	w := &lateCloser{done: make(chan struct{})}
	go func() {
		defer func() {
			w.mu.Lock()
			w.runs++
			w.mu.Unlock()
		}()
		defer close(w.done)
		work()
	}()
	return w
}

func (w *lateCloser) Wait() {
	w.mu.Lock()
	defer w.mu.Unlock()
	<-w.done
}
