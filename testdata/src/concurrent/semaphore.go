package concurrent

import "sync"

// A channel of capacity one that each goroutine sends a token on before
// its order and receives back after is a lock: the goroutines take the two
// orders one at a time. flush and evict are also called without it
// (flushAlone), so the class-level cycle (lockorder's) stays.

type Store24 struct {
	mu    sync.Mutex
	cache *Cache24
	sem   chan struct{}
}

type Cache24 struct {
	mu    sync.Mutex
	store *Store24
}

func (s *Store24) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache24) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store24\)\.mu acquired while holding \(\*Cache24\)\.mu; \(\*Store24\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store24) flushAlone() { s.flush() }

func NewStore24() *Store24 {
	return &Store24{sem: make(chan struct{}, 1), cache: &Cache24{}}
}

func RunOneToken(s *Store24) {
	go func() {
		s.sem <- struct{}{}
		s.flush()
		<-s.sem
	}()
	go func() {
		s.sem <- struct{}{}
		defer func() { <-s.sem }()
		s.cache.evict()
	}()
}

// A local token channel the two goroutines share serialises them too.

type Store25 struct {
	mu    sync.Mutex
	cache *Cache25
}

type Cache25 struct {
	mu    sync.Mutex
	store *Store25
}

func (s *Store25) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache25) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store25\)\.mu acquired while holding \(\*Cache25\)\.mu; \(\*Store25\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store25) flushAlone() { s.flush() }

func RunLocalToken(s *Store25) {
	token := make(chan struct{}, 1)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		token <- struct{}{}
		s.flush()
		<-token
	}()
	go func() {
		defer wg.Done()
		token <- struct{}{}
		s.cache.evict()
		<-token
	}()
	wg.Wait()
}

// The twins: a channel of capacity two lets both goroutines in at once,
// and a channel of capacity one that a third goroutine drains is a queue,
// not a lock.

type Store26 struct {
	mu    sync.Mutex
	cache *Cache26
}

type Cache26 struct {
	mu    sync.Mutex
	store *Store26
}

func (s *Store26) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache26) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store26\)\.mu acquired while holding \(\*Cache26\)\.mu; \(\*Store26\)\.flush takes them in the opposite order; RunTwoTokens runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store26) flushAlone() { s.flush() }

func RunTwoTokens(s *Store26) {
	tokens := make(chan struct{}, 2)
	go func() {
		tokens <- struct{}{}
		s.flush()
		<-tokens
	}()
	go func() {
		tokens <- struct{}{}
		s.cache.evict()
		<-tokens
	}()
}

type Store27 struct {
	mu    sync.Mutex
	cache *Cache27
}

type Cache27 struct {
	mu    sync.Mutex
	store *Store27
}

func (s *Store27) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache27) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store27\)\.mu acquired while holding \(\*Cache27\)\.mu; \(\*Store27\)\.flush takes them in the opposite order; RunDrainedQueue runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func (s *Store27) flushAlone() { s.flush() }

func RunDrainedQueue(s *Store27) {
	queue := make(chan struct{}, 1)
	go func() {
		<-queue
		<-queue
	}()
	go func() {
		queue <- struct{}{}
		s.flush()
	}()
	go func() {
		queue <- struct{}{}
		s.cache.evict()
	}()
}
