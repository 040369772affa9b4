package concurrent

import "sync"

// One go statement in a loop starts goroutines that take either order,
// each holding the one token of a channel of capacity one made before the
// loop: two iterations take their orders one at a time (the class-level
// cycle stays, flush is also called without the token). In the twin the
// token is taken around one order only.

type Cache95 struct{ mu sync.Mutex }

type Store95 struct {
	mu    sync.Mutex
	cache *Cache95
}

func (s *Store95) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store95) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache95\)\.mu acquired while holding \(\*Store95\)\.mu; \(\*Store95\)\.refresh takes them in the opposite order$`
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store95) FlushAlone() { s.flush() }

func (s *Store95) Maintain() {
	tok := make(chan struct{}, 1)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok <- struct{}{}
			if i == 0 {
				s.refresh()
			} else {
				s.flush()
			}
			<-tok
		}()
	}
	wg.Wait()
}

type Cache96 struct{ mu sync.Mutex }

type Store96 struct {
	mu    sync.Mutex
	cache *Cache96
}

func (s *Store96) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store96) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache96\)\.mu acquired while holding \(\*Store96\)\.mu; \(\*Store96\)\.refresh takes them in the opposite order; \(\*Store96\)\.Maintain runs both at once$`
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store96) FlushAlone() { s.flush() }

func (s *Store96) Maintain() {
	tok := make(chan struct{}, 1)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 0 {
				tok <- struct{}{}
				s.refresh()
				<-tok
			} else {
				s.flush()
			}
		}()
	}
	wg.Wait()
}
