package concurrent

import "sync"

// Two goroutines started together take two locks in opposite orders, each
// in its own body. The second begins by waiting for a channel the first
// closes in a deferred call, after its locking: they never overlap. The
// twin closes the channel before its locking.

type Index80 struct {
	idx, data sync.Mutex
	n         int
}

func (s *Index80) RunDeferredHandoff() {
	loaded := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(loaded)
		s.idx.Lock()
		s.data.Lock()
		s.n++
		s.data.Unlock()
		s.idx.Unlock()
	}()
	go func() {
		defer wg.Done()
		<-loaded
		s.data.Lock()
		s.idx.Lock() // want `lock-order cycle: \(\*Index80\)\.idx acquired while holding \(\*Index80\)\.data; \(\*Index80\)\.RunDeferredHandoff\.func1 takes them in the opposite order$`
		s.n++
		s.idx.Unlock()
		s.data.Unlock()
	}()
	wg.Wait()
}

type Index81 struct {
	idx, data sync.Mutex
	n         int
}

func (s *Index81) RunClosedFirst() {
	loaded := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		close(loaded)
		s.idx.Lock()
		s.data.Lock()
		s.n++
		s.data.Unlock()
		s.idx.Unlock()
	}()
	go func() {
		defer wg.Done()
		<-loaded
		s.data.Lock()
		s.idx.Lock() // want `lock-order cycle: \(\*Index81\)\.idx acquired while holding \(\*Index81\)\.data; \(\*Index81\)\.RunClosedFirst\.func1 takes them in the opposite order; \(\*Index81\)\.RunClosedFirst runs both at once$`
		s.n++
		s.idx.Unlock()
		s.data.Unlock()
	}()
	wg.Wait()
}
