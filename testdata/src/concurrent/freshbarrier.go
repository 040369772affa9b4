package concurrent

import "sync"

// The starter waits in a Cond loop on a flag of a barrier it has just made
// and shown only to the goroutine, which sets the flag after its last
// lock: the starter's own nesting runs after the goroutine's. The twin
// hands the barrier to a helper that may set the flag at any time.

type MemFB struct {
	mu sync.Mutex
	n  int
}

type SegsFB struct {
	mu sync.Mutex
	n  int
}

type EngineFB struct {
	mem  MemFB
	segs SegsFB
}

func (e *EngineFB) flush() {
	e.mem.mu.Lock()
	e.segs.mu.Lock()
	e.segs.n += e.mem.n
	e.segs.mu.Unlock()
	e.mem.mu.Unlock()
}

func (e *EngineFB) reload() {
	e.segs.mu.Lock()
	e.mem.mu.Lock() // want `lock-order cycle: \(\*MemFB\)\.mu acquired while holding \(\*SegsFB\)\.mu; \(\*EngineFB\)\.flush takes them in the opposite order$`
	e.mem.n = e.segs.n
	e.mem.mu.Unlock()
	e.segs.mu.Unlock()
}

type barrierFB struct {
	mu   sync.Mutex
	cond *sync.Cond
	done bool
}

func (e *EngineFB) Checkpoint() {
	b := &barrierFB{}
	b.cond = sync.NewCond(&b.mu)
	go func() {
		e.flush()
		b.mu.Lock()
		b.done = true
		b.cond.Broadcast()
		b.mu.Unlock()
	}()
	b.mu.Lock()
	for !b.done {
		b.cond.Wait()
	}
	b.mu.Unlock()
	e.reload()
}

type MemFBShown struct {
	mu sync.Mutex
	n  int
}

type SegsFBShown struct {
	mu sync.Mutex
	n  int
}

type EngineFBShown struct {
	mem  MemFBShown
	segs SegsFBShown
}

func (e *EngineFBShown) flush() {
	e.mem.mu.Lock()
	e.segs.mu.Lock()
	e.segs.n += e.mem.n
	e.segs.mu.Unlock()
	e.mem.mu.Unlock()
}

func (e *EngineFBShown) reload() {
	e.segs.mu.Lock()
	e.mem.mu.Lock() // want `lock-order cycle: \(\*MemFBShown\)\.mu acquired while holding \(\*SegsFBShown\)\.mu; \(\*EngineFBShown\)\.flush takes them in the opposite order; \(\*EngineFBShown\)\.Checkpoint runs both at once$`
	e.mem.n = e.segs.n
	e.mem.mu.Unlock()
	e.segs.mu.Unlock()
}

type barrierFBShown struct {
	mu   sync.Mutex
	cond *sync.Cond
	done bool
}

func release(b *barrierFBShown) {
	b.mu.Lock()
	b.done = true
	b.cond.Broadcast()
	b.mu.Unlock()
}

func (e *EngineFBShown) Checkpoint() {
	b := &barrierFBShown{}
	b.cond = sync.NewCond(&b.mu)
	go func() {
		e.flush()
		b.mu.Lock()
		b.done = true
		b.cond.Broadcast()
		b.mu.Unlock()
	}()
	go release(b)
	b.mu.Lock()
	for !b.done {
		b.cond.Wait()
	}
	b.mu.Unlock()
	e.reload()
}
