package leak

// The GoKer "workerLifecycle" shape: Start launches a loop that only exits
// when done is closed, Stop closes done, and a user that calls Start but
// never Stop leaves the loop blocked in its select forever. The finding is
// placed at the w.Start() call in the function that never calls Stop, since
// the go statement inside Start is fine for callers that do call Stop.

// worker owns a work channel and a done channel.
type worker struct {
	ch   chan int
	done chan struct{}
}

// newWorker makes both channels.
func newWorker() *worker {
	return &worker{ch: make(chan int), done: make(chan struct{})}
}

// Start runs the worker loop until done is closed.
func (w *worker) Start() {
	go func() {
		for {
			select {
			case v := <-w.ch:
				sink(v)
			case <-w.done:
				return
			}
		}
	}()
}

// Stop ends the worker loop.
func (w *worker) Stop() { close(w.done) }

// badLifecycle starts the worker and feeds it but never calls Stop.
func badLifecycle(items []int) {
	w := newWorker()
	w.Start() // want `goroutine leak: receive from \(\*worker\)\.(ch|done) blocks forever`
	for _, it := range items {
		w.ch <- it
	}
}

// goodLifecycle stops the worker when done.
func goodLifecycle(items []int) {
	w := newWorker()
	w.Start()
	defer w.Stop()
	for _, it := range items {
		w.ch <- it
	}
}
