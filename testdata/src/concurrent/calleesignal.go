package concurrent

import (
	"errors"
	"sync"
)

// A helper starts the goroutine and returns the channel the goroutine sends
// on after its last lock; the caller receives from it before it nests the
// other way: the goroutine's locking is over by then. The twin receives
// only after its own nesting.

type StoreSig struct {
	mu    sync.Mutex
	cache *CacheSig
}

type CacheSig struct {
	mu    sync.Mutex
	store *StoreSig
	n     int
}

func (s *StoreSig) startSync() <-chan error {
	errc := make(chan error, 1)
	go func() {
		s.mu.Lock()
		s.cache.mu.Lock()
		s.cache.n++
		s.cache.mu.Unlock()
		s.mu.Unlock()
		errc <- nil
	}()
	return errc
}

func (s *StoreSig) Run() error {
	errc := s.startSync()
	if err := <-errc; err != nil {
		return err
	}
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*StoreSig\)\.mu acquired while holding \(\*CacheSig\)\.mu; \(\*StoreSig\)\.startSync\.func1 takes them in the opposite order$`
	s.mu.Unlock()
	s.cache.mu.Unlock()
	return nil
}

type StoreSigLate struct {
	mu    sync.Mutex
	cache *CacheSigLate
}

type CacheSigLate struct {
	mu    sync.Mutex
	store *StoreSigLate
	n     int
}

func (s *StoreSigLate) startSync() <-chan error {
	errc := make(chan error, 1)
	go func() {
		s.mu.Lock()
		s.cache.mu.Lock()
		s.cache.n++
		s.cache.mu.Unlock()
		s.mu.Unlock()
		errc <- nil
	}()
	return errc
}

func (s *StoreSigLate) Run() error {
	errc := s.startSync()
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*StoreSigLate\)\.mu acquired while holding \(\*CacheSigLate\)\.mu; \(\*StoreSigLate\)\.startSync\.func1 takes them in the opposite order; \(\*StoreSigLate\)\.Run runs both at once$`
	s.mu.Unlock()
	s.cache.mu.Unlock()
	return <-errc
}

// Two sends of the goroutine, on two paths, each after its last lock: the
// caller's receive takes one of them, after the locking either way.

type StoreSigTwo struct {
	mu    sync.Mutex
	cache *CacheSigTwo
}

type CacheSigTwo struct {
	mu    sync.Mutex
	store *StoreSigTwo
	n     int
}

func (s *StoreSigTwo) startSync() <-chan error {
	errc := make(chan error, 1)
	go func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.cache.mu.Lock()
		stale := s.cache.n > 10
		s.cache.mu.Unlock()
		if stale {
			errc <- errStale
			return
		}
		errc <- nil
	}()
	return errc
}

var errStale = errors.New("stale")

func (s *StoreSigTwo) Run() error {
	errc := s.startSync()
	if err := <-errc; err != nil {
		return err
	}
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*StoreSigTwo\)\.mu acquired while holding \(\*CacheSigTwo\)\.mu; \(\*StoreSigTwo\)\.startSync\.func1 takes them in the opposite order$`
	s.mu.Unlock()
	s.cache.mu.Unlock()
	return nil
}

// The twin's goroutine sends a progress value before it locks: the
// receive may take that one.

type StoreSigEarly struct {
	mu    sync.Mutex
	cache *CacheSigEarly
}

type CacheSigEarly struct {
	mu    sync.Mutex
	store *StoreSigEarly
	n     int
}

func (s *StoreSigEarly) startSync() <-chan error {
	errc := make(chan error, 2)
	go func() {
		errc <- nil
		s.mu.Lock()
		s.cache.mu.Lock()
		s.cache.n++
		s.cache.mu.Unlock()
		s.mu.Unlock()
		errc <- nil
	}()
	return errc
}

func (s *StoreSigEarly) Run() error {
	errc := s.startSync()
	if err := <-errc; err != nil {
		return err
	}
	s.cache.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*StoreSigEarly\)\.mu acquired while holding \(\*CacheSigEarly\)\.mu; \(\*StoreSigEarly\)\.startSync\.func1 takes them in the opposite order; \(\*StoreSigEarly\)\.Run runs both at once$`
	s.mu.Unlock()
	s.cache.mu.Unlock()
	return nil
}
