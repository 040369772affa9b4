package concurrent

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// A compare-and-swap gate: `if !s.busy.CompareAndSwap(false, true) { return }`
// lets one goroutine in until it stores false back; the others give up.
// Two orders taken only after winning one field's swap never run at once,
// as under one outer mutex. The gate holds only where the package writes
// the field no other way: a Reset that stores false without having won
// lets a second goroutine in, and an order taken without the swap is not
// behind it at all.

type casShard struct {
	busy atomic.Bool
	a, b sync.Mutex
	n    int
}

func (s *casShard) rebuild() bool {
	if !s.busy.CompareAndSwap(false, true) {
		return false
	}
	defer s.busy.Store(false)
	s.a.Lock()
	s.b.Lock()
	s.n++
	s.b.Unlock()
	s.a.Unlock()
	return true
}

func (s *casShard) prune() bool {
	if !s.busy.CompareAndSwap(false, true) {
		return false
	}
	defer s.busy.Store(false)
	s.b.Lock()
	s.a.Lock()
	s.n--
	s.a.Unlock()
	s.b.Unlock()
	return true
}

func (s *casShard) MaintainGood() {
	done := make(chan bool, 1)
	go func() { done <- s.rebuild() }()
	s.prune()
	<-done
}

// The same with a swap of an int32 and a release after the order.
type casLog struct {
	state    int32
	mu, logm sync.Mutex
}

func (l *casLog) append() {
	if atomic.CompareAndSwapInt32(&l.state, 0, 1) {
		l.mu.Lock()
		l.logm.Lock()
		l.logm.Unlock()
		l.mu.Unlock()
		atomic.StoreInt32(&l.state, 0)
	}
}

func (l *casLog) compact() {
	if !atomic.CompareAndSwapInt32(&l.state, 0, 1) {
		return
	}
	l.logm.Lock()
	l.mu.Lock()
	l.mu.Unlock()
	l.logm.Unlock()
	atomic.StoreInt32(&l.state, 0)
}

func (l *casLog) RunGood() {
	var wg sync.WaitGroup
	wg.Go(l.append)
	l.compact()
	wg.Wait()
}

// Reset stores false whoever holds the gate: a second goroutine may win
// while the first is inside.
type casResetShard struct {
	busy atomic.Bool
	a, b sync.Mutex
}

func (s *casResetShard) rebuild() {
	if !s.busy.CompareAndSwap(false, true) {
		return
	}
	defer s.busy.Store(false)
	s.a.Lock()
	s.b.Lock()
	s.b.Unlock()
	s.a.Unlock()
}

func (s *casResetShard) prune() {
	if !s.busy.CompareAndSwap(false, true) {
		return
	}
	defer s.busy.Store(false)
	s.b.Lock()
	s.a.Lock() // want `lock-order cycle: \(\*casResetShard\)\.a acquired while holding \(\*casResetShard\)\.b; \(\*casResetShard\)\.rebuild takes them in the opposite order; \(\*casResetShard\)\.MaintainBad runs both at once$`
	s.a.Unlock()
	s.b.Unlock()
}

func (s *casResetShard) Reset() { s.busy.Store(false) }

func (s *casResetShard) MaintainBad() {
	done := make(chan bool, 1)
	go func() { s.rebuild(); done <- true }()
	s.prune()
	<-done
}

// prune takes its order without the gate.
type casOpenShard struct {
	busy atomic.Bool
	a, b sync.Mutex
}

func (s *casOpenShard) rebuild() {
	if !s.busy.CompareAndSwap(false, true) {
		return
	}
	defer s.busy.Store(false)
	s.a.Lock()
	s.b.Lock()
	s.b.Unlock()
	s.a.Unlock()
}

func (s *casOpenShard) prune() {
	s.b.Lock()
	s.a.Lock() // want `lock-order cycle: \(\*casOpenShard\)\.a acquired while holding \(\*casOpenShard\)\.b; \(\*casOpenShard\)\.rebuild takes them in the opposite order; \(\*casOpenShard\)\.MaintainBad runs both at once$`
	s.a.Unlock()
	s.b.Unlock()
}

func (s *casOpenShard) MaintainBad() {
	done := make(chan bool, 1)
	go func() { s.rebuild(); done <- true }()
	s.prune()
	<-done
}

// A helper that returns only once it has won the swap holds the gate for
// its caller, which releases it.
type casSpinReplica struct {
	mu         sync.Mutex
	logMu      sync.Mutex
	compacting atomic.Bool
}

func (r *casSpinReplica) acquire() {
	for !r.compacting.CompareAndSwap(false, true) {
		runtime.Gosched()
	}
}

func (r *casSpinReplica) apply() {
	r.acquire()
	defer r.compacting.Store(false)
	r.mu.Lock()
	r.logMu.Lock()
	r.logMu.Unlock()
	r.mu.Unlock()
}

func (r *casSpinReplica) compact() {
	r.acquire()
	defer r.compacting.Store(false)
	r.logMu.Lock()
	r.mu.Lock()
	r.mu.Unlock()
	r.logMu.Unlock()
}

func (r *casSpinReplica) RunGood() {
	var wg sync.WaitGroup
	wg.Go(r.apply)
	wg.Go(r.compact)
	wg.Wait()
}
