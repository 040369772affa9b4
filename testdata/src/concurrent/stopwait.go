package concurrent

import "sync"

// A Start method runs a loop in a goroutine (Cache80.mu, then Store80.mu);
// Stop closes quit, waits for the loop's WaitGroup and only then flushes
// in the other order. The function that calls Start then Stop starts the
// loop and takes the other order, but after the loop has ended. The twin
// flushes before it waits.

type Cache80 struct{ mu sync.Mutex }

type Store80 struct {
	mu    sync.Mutex
	cache *Cache80
	quit  chan struct{}
	bg    sync.WaitGroup
	n     int
}

func (s *Store80) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store80) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache80\)\.mu acquired while holding \(\*Store80\)\.mu; \(\*Store80\)\.refresh takes them in the opposite order$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store80) Start() {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		for {
			select {
			case <-s.quit:
				return
			default:
				s.refresh()
			}
		}
	}()
}

func (s *Store80) Stop() {
	close(s.quit)
	s.bg.Wait()
	s.flush()
}

func RunStore80() {
	s := &Store80{cache: &Cache80{}, quit: make(chan struct{})}
	s.Start()
	s.Stop()
}

type Cache81 struct{ mu sync.Mutex }

type Store81 struct {
	mu    sync.Mutex
	cache *Cache81
	quit  chan struct{}
	bg    sync.WaitGroup
	n     int
}

func (s *Store81) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store81) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache81\)\.mu acquired while holding \(\*Store81\)\.mu; \(\*Store81\)\.refresh takes them in the opposite order; RunStore81 runs both at once$`
	s.n = 0
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store81) Start() {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		for {
			select {
			case <-s.quit:
				return
			default:
				s.refresh()
			}
		}
	}()
}

func (s *Store81) Stop() {
	s.flush()
	close(s.quit)
	s.bg.Wait()
}

func RunStore81() {
	s := &Store81{cache: &Cache81{}, quit: make(chan struct{})}
	s.Start()
	s.Stop()
}
