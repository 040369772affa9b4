package concurrent

import "sync"

// A semaphore behind methods: Take sends a token on the channel of
// capacity one, Give takes it back, each doing nothing else. Both
// orders run holding the token (the goroutine releases it in a deferred
// call), so they run one at a time, as under a mutex (and, taken nowhere
// else, they close no class-level cycle either). In the twin the
// starter takes its order without the token.

type Sem89 chan struct{}

func (s Sem89) Take() { s <- struct{}{} }
func (s Sem89) Give() { <-s }

type Cache89 struct{ mu sync.Mutex }

type Store89 struct {
	mu    sync.Mutex
	cache *Cache89
}

func (s *Store89) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store89) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store89) Maintain() {
	sem := make(Sem89, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sem.Take()
		defer sem.Give()
		s.refresh()
	}()
	sem.Take()
	s.flush()
	sem.Give()
	wg.Wait()
}

type Sem90 chan struct{}

func (s Sem90) Take() { s <- struct{}{} }
func (s Sem90) Give() { <-s }

type Cache90 struct{ mu sync.Mutex }

type Store90 struct {
	mu    sync.Mutex
	cache *Cache90
}

func (s *Store90) refresh() {
	s.cache.mu.Lock()
	s.mu.Lock()
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *Store90) flush() {
	s.mu.Lock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache90\)\.mu acquired while holding \(\*Store90\)\.mu; \(\*Store90\)\.refresh takes them in the opposite order; \(\*Store90\)\.Maintain runs both at once$`
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *Store90) Maintain() {
	sem := make(Sem90, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sem.Take()
		defer sem.Give()
		s.refresh()
	}()
	s.flush()
	wg.Wait()
}
