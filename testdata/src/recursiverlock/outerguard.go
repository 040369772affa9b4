package recursiverlock

import "sync"

// A block set read-locks itself recursively (each level calls the next).
// Its owner, a store, holds its own lock around every use: readers hold it
// for reading, and the only writers of the set hold it for writing. A
// writer of the set waits for the store's lock first, which every reader
// holds all the while: none can queue between a reader's two read locks.

type blockSet struct {
	mtx    sync.RWMutex
	levels [][]int
}

func (s *blockSet) add(level, b int) {
	s.mtx.Lock()
	defer s.mtx.Unlock()
	s.levels[level] = append(s.levels[level], b)
}

func (s *blockSet) getFor(level int) (out []int) {
	s.mtx.RLock()
	defer s.mtx.RUnlock()
	out = append(out, s.levels[level]...)
	if level+1 < len(s.levels) {
		out = append(out, s.getFor(level+1)...)
	}
	return out
}

type blockStore struct {
	mtx sync.RWMutex
	set *blockSet
}

func (st *blockStore) addBlock(level, b int) {
	st.mtx.Lock()
	defer st.mtx.Unlock()
	st.set.add(level, b)
}

func (st *blockStore) series() int {
	st.mtx.RLock()
	defer st.mtx.RUnlock()
	return len(st.set.getFor(0))
}

// Run starts writers and readers side by side: the outer lock keeps them
// apart.
func (st *blockStore) Run() {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func(i int) { defer wg.Done(); st.addBlock(i%3, i) }(i)
		go func() { defer wg.Done(); st.series() }()
	}
	wg.Wait()
}

// The twins. A set one of whose writers takes it without the store's lock
// (a reset that skips the owner): that writer can queue between a
// reader's two read locks.

type looseSet struct {
	mtx    sync.RWMutex
	levels [][]int
}

func (s *looseSet) add(level, b int) {
	s.mtx.Lock()
	defer s.mtx.Unlock()
	s.levels[level] = append(s.levels[level], b)
}

func (s *looseSet) reset() {
	s.mtx.Lock()
	s.levels = nil
	s.mtx.Unlock()
}

func (s *looseSet) getFor(level int) (out []int) {
	s.mtx.RLock()
	defer s.mtx.RUnlock()
	out = append(out, s.levels[level]...)
	if level+1 < len(s.levels) {
		out = append(out, s.getFor(level+1)...) // want `recursive read lock: \(\*looseSet\)\.mtx read-locked while already read-held \(through \(\*looseSet\)\.getFor\)`
	}
	return out
}

type looseStore struct {
	mtx sync.RWMutex
	set *looseSet
}

func (st *looseStore) addBlock(level, b int) {
	st.mtx.Lock()
	defer st.mtx.Unlock()
	st.set.add(level, b)
}

func (st *looseStore) series() int {
	st.mtx.RLock()
	defer st.mtx.RUnlock()
	return len(st.set.getFor(0))
}

func (st *looseStore) clear() { st.set.reset() }

// A set whose writers hold the store's lock only for reading, as its
// readers do: two read locks of the outer lock exclude nothing.

type sharedSet struct {
	mtx    sync.RWMutex
	levels [][]int
}

func (s *sharedSet) add(level, b int) {
	s.mtx.Lock()
	defer s.mtx.Unlock()
	s.levels[level] = append(s.levels[level], b)
}

func (s *sharedSet) getFor(level int) (out []int) {
	s.mtx.RLock()
	defer s.mtx.RUnlock()
	out = append(out, s.levels[level]...)
	if level+1 < len(s.levels) {
		out = append(out, s.getFor(level+1)...) // want `recursive read lock: \(\*sharedSet\)\.mtx read-locked while already read-held \(through \(\*sharedSet\)\.getFor\)`
	}
	return out
}

type sharedStore struct {
	mtx sync.RWMutex
	set *sharedSet
}

func (st *sharedStore) addBlock(level, b int) {
	st.mtx.RLock()
	defer st.mtx.RUnlock()
	st.set.add(level, b)
}

func (st *sharedStore) series() int {
	st.mtx.RLock()
	defer st.mtx.RUnlock()
	return len(st.set.getFor(0))
}

// Run clears the set beside a reader: the reset, which skips the store's
// lock, runs at once.
func (st *looseStore) Run() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); st.clear() }()
	go func() { defer wg.Done(); st.series() }()
	wg.Wait()
}
