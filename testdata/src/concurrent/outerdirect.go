package concurrent

import "sync"

// An outer lock the goroutine's own body takes around the acquisitions it
// makes itself (no call between): a local mutex both sides capture, or a
// semaphore of capacity one that both hold. The two orders still run one
// at a time. The twins leave the gate out on one side.

type Left97 struct {
	mu sync.Mutex
	n  int
}

type Right97 struct {
	mu sync.Mutex
	n  int
}

func RunDirectUnderLocal(l *Left97, r *Right97) {
	var outer sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		outer.Lock()
		l.mu.Lock()
		r.mu.Lock()
		l.n++
		r.mu.Unlock()
		l.mu.Unlock()
		outer.Unlock()
	}()
	outer.Lock()
	r.mu.Lock()
	l.mu.Lock()
	r.n++
	l.mu.Unlock()
	r.mu.Unlock()
	outer.Unlock()
	wg.Wait()
}

type Sem97 chan struct{}

func (s Sem97) Enter() { s <- struct{}{} }
func (s Sem97) Leave() { <-s }

type Left98 struct {
	mu sync.Mutex
	n  int
}

type Right98 struct {
	mu sync.Mutex
	n  int
}

func RunDirectUnderSem(l *Left98, r *Right98) {
	sem := make(Sem97, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sem.Enter()
		l.mu.Lock()
		r.mu.Lock()
		l.n++
		r.mu.Unlock()
		l.mu.Unlock()
		sem.Leave()
	}()
	sem.Enter()
	r.mu.Lock()
	l.mu.Lock()
	r.n++
	l.mu.Unlock()
	r.mu.Unlock()
	sem.Leave()
	wg.Wait()
}

// The twins: the goroutine takes the local gate, its starter does not;
// the starter holds the semaphore, the goroutine does not.

type Left99 struct {
	mu sync.Mutex
	n  int
}

type Right99 struct {
	mu sync.Mutex
	n  int
}

func RunDirectHalfLocal(l *Left99, r *Right99) {
	var outer sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		outer.Lock()
		l.mu.Lock()
		r.mu.Lock()
		l.n++
		r.mu.Unlock()
		l.mu.Unlock()
		outer.Unlock()
	}()
	r.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Left99\)\.mu acquired while holding \(\*Right99\)\.mu; RunDirectHalfLocal\.func1 takes them in the opposite order; RunDirectHalfLocal runs both at once$`
	r.n++
	l.mu.Unlock()
	r.mu.Unlock()
	wg.Wait()
}

type Left100 struct {
	mu sync.Mutex
	n  int
}

type Right100 struct {
	mu sync.Mutex
	n  int
}

func RunDirectHalfSem(l *Left100, r *Right100) {
	sem := make(Sem97, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		l.mu.Lock()
		r.mu.Lock()
		l.n++
		r.mu.Unlock()
		l.mu.Unlock()
	}()
	sem.Enter()
	r.mu.Lock()
	l.mu.Lock() // want `lock-order cycle: \(\*Left100\)\.mu acquired while holding \(\*Right100\)\.mu; RunDirectHalfSem\.func1 takes them in the opposite order; RunDirectHalfSem runs both at once$`
	r.n++
	l.mu.Unlock()
	r.mu.Unlock()
	sem.Leave()
	wg.Wait()
}
