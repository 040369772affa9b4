package mixed

import "sync"

// Sends on an unbuffered channel while holding a mutex that the receiver
// locks before it receives: the sender waits for the receiver, the receiver
// waits for the mutex. Reported at the send. Fixed by releasing the lock
// before the send or by buffering the channel.

// Hub delivers published events to a run loop that counts its polls under mu.
type Hub struct {
	mu        sync.Mutex
	polls     int
	published int
	events    chan string
	deliver   func(string)
}

// NewHub starts the run loop.
func NewHub(deliver func(string)) *Hub {
	h := &Hub{events: make(chan string), deliver: deliver}
	go h.run()
	return h
}

// run locks h.mu before each receive.
func (h *Hub) run() {
	for {
		h.mu.Lock()
		h.polls++
		h.mu.Unlock()
		e, ok := <-h.events
		if !ok {
			return
		}
		h.deliver(e)
	}
}

// Close ends the run loop.
func (h *Hub) Close() { close(h.events) }

// badPublish sends on h.events while holding h.mu.
func (h *Hub) badPublish(e string) {
	h.mu.Lock()
	h.published++
	h.events <- e // want `communication deadlock: send on \(\*Hub\)\.events while holding \(\*Hub\)\.mu; the receiver takes \(\*Hub\)\.mu first`
	h.mu.Unlock()
}

// goodPublish releases h.mu before the send.
func (h *Hub) goodPublish(e string) {
	h.mu.Lock()
	h.published++
	h.mu.Unlock()
	h.events <- e
}

// drain receives until ch is closed, counting its polls under mu before
// each receive.
func drain(mu *sync.Mutex, polls *int, ch <-chan int, handle func(int)) {
	for {
		mu.Lock()
		*polls++
		mu.Unlock()
		v, ok := <-ch
		if !ok {
			return
		}
		handle(v)
	}
}

// badSendToNamed sends under mu to drain, a named function that locks mu
// before receiving.
func badSendToNamed(vals []int, handle func(int)) {
	var mu sync.Mutex
	polls, last := 0, 0
	ch := make(chan int)
	go drain(&mu, &polls, ch, handle)
	for _, v := range vals {
		mu.Lock()
		last = v
		ch <- last // want `communication deadlock: send on ch while holding mu; the receiver takes mu first`
		mu.Unlock()
	}
	close(ch)
}

// goodSendToNamed buffers ch for every value, so no send waits for drain.
func goodSendToNamed(vals []int, handle func(int)) {
	var mu sync.Mutex
	polls, last := 0, 0
	ch := make(chan int, len(vals))
	go drain(&mu, &polls, ch, handle)
	for _, v := range vals {
		mu.Lock()
		last = v
		ch <- last
		mu.Unlock()
	}
	close(ch)
}

// Dispatcher hands queued jobs to a worker, deduplicating them under mu.
type Dispatcher struct {
	mu     sync.Mutex
	idle   bool
	queued map[string]bool
	jobs   chan string
	run    func(string)
}

// NewDispatcher starts the worker.
func NewDispatcher(run func(string)) *Dispatcher {
	d := &Dispatcher{queued: map[string]bool{}, jobs: make(chan string), run: run}
	go d.worker()
	return d
}

// worker marks itself idle under d.mu before each receive.
func (d *Dispatcher) worker() {
	for {
		d.mu.Lock()
		d.idle = true
		d.mu.Unlock()
		j, ok := <-d.jobs
		if !ok {
			return
		}
		d.mu.Lock()
		d.idle = false
		delete(d.queued, j)
		d.mu.Unlock()
		d.run(j)
	}
}

// Stop ends the worker.
func (d *Dispatcher) Stop() { close(d.jobs) }

// badEnqueue: the deferred Unlock runs after the send, so d.mu is held
// across it.
func (d *Dispatcher) badEnqueue(j string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.queued[j] {
		return
	}
	d.queued[j] = true
	d.jobs <- j // want `communication deadlock: send on \(\*Dispatcher\)\.jobs while holding \(\*Dispatcher\)\.mu; the receiver takes \(\*Dispatcher\)\.mu first`
}

// goodEnqueue marks the job under d.mu in a helper and sends after it returns.
func (d *Dispatcher) goodEnqueue(j string) {
	if !d.markQueued(j) {
		return
	}
	d.jobs <- j
}

// markQueued records j as queued and reports whether it was new.
func (d *Dispatcher) markQueued(j string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.queued[j] {
		return false
	}
	d.queued[j] = true
	return true
}
