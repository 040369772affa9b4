package mixed

import "sync"

// A type's goroutine, started by its constructor, defers its Done and
// takes the object's lock on its way; Close waits on the object's
// WaitGroup while holding that lock: if the goroutine is at its Lock, the
// Wait never returns. The twins let the lock go before the Wait, or hold
// another lock of the object, or count down before locking.

type reporter struct {
	mu     sync.Mutex
	values map[string]int
	wg     sync.WaitGroup
	stop   chan struct{}
}

func newReporter() *reporter {
	r := &reporter{stop: make(chan struct{}), values: map[string]int{}}
	r.wg.Add(1)
	go r.loop()
	return r
}

func (r *reporter) loop() {
	defer r.wg.Done()
	<-r.stop
	r.mu.Lock()
	r.values["flush"]++
	r.mu.Unlock()
}

func (r *reporter) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	close(r.stop)
	r.wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding \(\*reporter\)\.mu; the goroutines it waits for take \(\*reporter\)\.mu before Done`
}

func (r *reporter) CloseUnlocked() {
	r.mu.Lock()
	close(r.stop)
	r.mu.Unlock()
	r.wg.Wait()
}

type quietReporter struct {
	mu     sync.Mutex
	stopMu sync.Mutex
	values map[string]int
	wg     sync.WaitGroup
	stop   chan struct{}
}

func newQuietReporter() *quietReporter {
	r := &quietReporter{stop: make(chan struct{}), values: map[string]int{}}
	r.wg.Add(1)
	go r.loop()
	return r
}

func (r *quietReporter) loop() {
	defer r.wg.Done()
	<-r.stop
	r.mu.Lock()
	r.values["flush"]++
	r.mu.Unlock()
}

func (r *quietReporter) Close() {
	r.stopMu.Lock()
	defer r.stopMu.Unlock()
	close(r.stop)
	r.wg.Wait()
}

type earlyReporter struct {
	mu     sync.Mutex
	values map[string]int
	wg     sync.WaitGroup
	stop   chan struct{}
}

func newEarlyReporter() *earlyReporter {
	r := &earlyReporter{stop: make(chan struct{}), values: map[string]int{}}
	r.wg.Add(1)
	go r.loop()
	return r
}

func (r *earlyReporter) loop() {
	<-r.stop
	r.wg.Done()
	r.mu.Lock()
	r.values["flush"]++
	r.mu.Unlock()
}

func (r *earlyReporter) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	close(r.stop)
	r.wg.Wait()
}

// The goroutines may be started by a function literal that captures the
// object the method was called for: connTracker.Serve's goroutine defers
// Done on s.wg and locks s.mu on its way, and Shutdown waits on s.wg
// holding s.mu.
type connTracker struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	conns map[int]bool
}

func (s *connTracker) untrack(id int) {
	s.mu.Lock()
	delete(s.conns, id)
	s.mu.Unlock()
}

func (s *connTracker) Serve(id int, handle func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		handle()
		s.untrack(id)
	}()
}

func (s *connTracker) Shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*connTracker\)\.mu; the goroutines it waits for take \(\*connTracker\)\.mu before Done`
}

// The fixed twin waits after it lets go of the lock.
func (s *connTracker) ShutdownUnlocked() {
	s.mu.Lock()
	s.conns = nil
	s.mu.Unlock()
	s.wg.Wait()
}

// Defers run last in, first out: a lock taken in a call deferred before
// the deferred Done is taken only once the goroutine has counted down, and
// Shutdown's Wait does not wait for it.
type lateTracker struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	conns map[int]bool
}

func (s *lateTracker) untrack(id int) {
	s.mu.Lock()
	delete(s.conns, id)
	s.mu.Unlock()
}

func (s *lateTracker) Serve(id int, handle func()) {
	s.wg.Add(1)
	go func() {
		defer s.untrack(id) // runs after the Done
		defer s.wg.Done()
		handle()
	}()
}

func (s *lateTracker) Shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wg.Wait()
}
