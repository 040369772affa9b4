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

// The goroutine takes its locks only inside a Do of a Once its starter
// also calls Do on, before its own order: the starter's Do returns after
// the Once's function has ended, whoever ran it. The twin's starter calls
// Do on another Once.

type Index84 struct {
	idx, data sync.Mutex
	n         int
}

func (s *Index84) load() {
	s.idx.Lock()
	s.data.Lock()
	s.n++
	s.data.Unlock()
	s.idx.Unlock()
}

func (s *Index84) RunSharedOnce() {
	var once sync.Once
	done := make(chan struct{})
	go func() {
		once.Do(s.load)
		close(done)
	}()
	once.Do(s.load)
	s.data.Lock()
	s.idx.Lock() // want `lock-order cycle: \(\*Index84\)\.idx acquired while holding \(\*Index84\)\.data; \(\*Index84\)\.load takes them in the opposite order$`
	s.n++
	s.idx.Unlock()
	s.data.Unlock()
	<-done
}

type Index85 struct {
	idx, data sync.Mutex
	n         int
}

func (s *Index85) load() {
	s.idx.Lock()
	s.data.Lock()
	s.n++
	s.data.Unlock()
	s.idx.Unlock()
}

func (s *Index85) RunOtherOnce() {
	var once, other sync.Once
	done := make(chan struct{})
	go func() {
		once.Do(s.load)
		close(done)
	}()
	other.Do(s.load)
	s.data.Lock()
	s.idx.Lock() // want `lock-order cycle: \(\*Index85\)\.idx acquired while holding \(\*Index85\)\.data; \(\*Index85\)\.load takes them in the opposite order; \(\*Index85\)\.RunOtherOnce runs both at once$`
	s.n++
	s.idx.Unlock()
	s.data.Unlock()
	<-done
}
