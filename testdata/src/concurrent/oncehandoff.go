package concurrent

import "sync"

// Two goroutines started together take two locks in opposite orders. The
// first takes them only inside a Do of a Once; the second begins with a Do
// of the same Once: that Do returns only after the Once's function has
// ended (in whichever goroutine ran it), and the first's Do then runs
// nothing, so the orders never overlap. The twin gives each goroutine its
// own Once.

type Index82 struct {
	idx, data sync.Mutex
	n         int
}

func (s *Index82) load() {
	s.idx.Lock()
	s.data.Lock()
	s.n++
	s.data.Unlock()
	s.idx.Unlock()
}

func (s *Index82) RunOnceFirst() {
	var once sync.Once
	var wg sync.WaitGroup
	wg.Go(func() { once.Do(s.load) })
	wg.Go(func() {
		once.Do(s.load)
		s.data.Lock()
		s.idx.Lock() // want `lock-order cycle: \(\*Index82\)\.idx acquired while holding \(\*Index82\)\.data; \(\*Index82\)\.load takes them in the opposite order$`
		s.n++
		s.idx.Unlock()
		s.data.Unlock()
	})
	wg.Wait()
}

type Index83 struct {
	idx, data sync.Mutex
	n         int
}

func (s *Index83) load() {
	s.idx.Lock()
	s.data.Lock()
	s.n++
	s.data.Unlock()
	s.idx.Unlock()
}

func (s *Index83) RunTwoOnces() {
	var first, second sync.Once
	var wg sync.WaitGroup
	wg.Go(func() { first.Do(s.load) })
	wg.Go(func() {
		second.Do(s.load)
		s.data.Lock()
		s.idx.Lock() // want `lock-order cycle: \(\*Index83\)\.idx acquired while holding \(\*Index83\)\.data; \(\*Index83\)\.load takes them in the opposite order; \(\*Index83\)\.RunTwoOnces runs both at once$`
		s.n++
		s.idx.Unlock()
		s.data.Unlock()
	})
	wg.Wait()
}
