package concurrent

import "sync"

// Both orders run as functions handed to a helper that calls them holding
// a token of a capacity-one channel, taken back in a deferred call: the
// token serialises them as an outer lock would. The twin's helper gives
// the token back before it calls the function.

type CacheTok struct{ mu sync.Mutex }

type StoreTok struct {
	mu    sync.Mutex
	cache *CacheTok
	token chan struct{}
	n     int
}

func NewStoreTok() *StoreTok {
	return &StoreTok{cache: &CacheTok{}, token: make(chan struct{}, 1)}
}

func (s *StoreTok) storeThenCache() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.n++
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *StoreTok) cacheThenStore() {
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*StoreTok\)\.mu acquired while holding \(\*CacheTok\)\.mu; \(\*StoreTok\)\.storeThenCache takes them in the opposite order$`
	s.n--
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *StoreTok) withToken(fn func()) {
	s.token <- struct{}{}
	defer func() { <-s.token }()
	fn()
}

func (s *StoreTok) Maintain() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.withToken(s.cacheThenStore)
	}()
	s.withToken(s.storeThenCache)
	wg.Wait()
}

type CacheTokLoose struct{ mu sync.Mutex }

type StoreTokLoose struct {
	mu    sync.Mutex
	cache *CacheTokLoose
	token chan struct{}
	n     int
}

func NewStoreTokLoose() *StoreTokLoose {
	return &StoreTokLoose{cache: &CacheTokLoose{}, token: make(chan struct{}, 1)}
}

func (s *StoreTokLoose) storeThenCache() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.n++
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (s *StoreTokLoose) cacheThenStore() {
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*StoreTokLoose\)\.mu acquired while holding \(\*CacheTokLoose\)\.mu; \(\*StoreTokLoose\)\.storeThenCache takes them in the opposite order; \(\*StoreTokLoose\)\.Maintain runs both at once$`
	s.n--
	s.mu.Unlock()
	s.cache.mu.Unlock()
}

func (s *StoreTokLoose) withToken(fn func()) {
	s.token <- struct{}{}
	<-s.token
	fn()
}

func (s *StoreTokLoose) Maintain() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.withToken(s.cacheThenStore)
	}()
	s.withToken(s.storeThenCache)
	wg.Wait()
}
