package mixed

import "sync"

// A read transaction takes the store's read lock in Read and releases it
// in End, through the store it keeps: the caller that ends the transaction
// before it waits holds nothing at the Wait, wherever the store came from
// (here a constructor's result, named by nothing but that value).

type txnStore struct {
	mu sync.RWMutex
	n  int
}

func newTxnStore() *txnStore { return &txnStore{} }

type readTxn struct{ s *txnStore }

func (s *txnStore) Read() *readTxn { s.mu.RLock(); return &readTxn{s} }
func (t *readTxn) End()            { t.s.mu.RUnlock() }

func (s *txnStore) inc() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}

func CountAfterRead() int {
	s := newTxnStore()
	var wg sync.WaitGroup
	tr := s.Read()
	n := tr.s.n
	tr.End()
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.inc()
	}()
	wg.Wait()
	return n
}

// The twin ends the transaction only after the Wait.
func CountDuringRead() int {
	s := newTxnStore()
	var wg sync.WaitGroup
	tr := s.Read()
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.inc()
	}()
	wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*txnStore\)\.mu; the goroutines it waits for take \(\*txnStore\)\.mu before Done`
	n := tr.s.n
	tr.End()
	return n
}
