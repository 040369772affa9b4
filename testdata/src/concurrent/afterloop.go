package concurrent

import "sync"

// The two orders run one after the other, not at once:
//   - a gate opened after a loop of evictions: no eviction runs after it;
//   - a helper that stops the goroutine and waits for it, on every path,
//     before the eviction;
//   - goroutines of a loop that each lock only the node the loop hands
//     them, sharing nothing that holds a lock (a WaitGroup holds none).
// Each has a twin that runs the two at once.

type Store9 struct {
	mu    sync.Mutex
	cache *Cache9
}

type Cache9 struct {
	mu    sync.Mutex
	store *Store9
}

func (s *Store9) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache9) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store9\)\.mu acquired while holding \(\*Cache9\)\.mu; \(\*Store9\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

func RunGatedAfterLoop(s *Store9, n int) {
	start := make(chan struct{})
	go func() {
		<-start
		s.flush()
	}()
	for i := 0; i < n; i++ {
		s.cache.evict()
	}
	close(start)
}

type Store10 struct {
	mu    sync.Mutex
	cache *Cache10
}

type Cache10 struct {
	mu    sync.Mutex
	store *Store10
}

func (s *Store10) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache10) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store10\)\.mu acquired while holding \(\*Cache10\)\.mu; \(\*Store10\)\.flush takes them in the opposite order; RunGatedInLoop runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

// The twin opens the gate between two evictions: the second may run
// while the goroutine flushes.
func RunGatedInLoop(s *Store10) {
	start := make(chan struct{})
	go func() {
		<-start
		s.flush()
	}()
	s.cache.evict()
	close(start)
	s.cache.evict()
}

type Store11 struct {
	mu    sync.Mutex
	cache *Cache11
}

type Cache11 struct {
	mu    sync.Mutex
	store *Store11
}

func (s *Store11) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache11) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store11\)\.mu acquired while holding \(\*Cache11\)\.mu; \(\*Store11\)\.flush takes them in the opposite order$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

type flusher11 struct {
	s    *Store11
	stop chan struct{}
	wg   sync.WaitGroup
}

func (f *flusher11) loop() {
	defer f.wg.Done()
	for {
		select {
		case <-f.stop:
			return
		default:
		}
		f.s.flush()
	}
}

func (f *flusher11) halt() {
	close(f.stop)
	f.wg.Wait()
}

func RunHaltFirst(s *Store11) {
	f := &flusher11{s: s, stop: make(chan struct{})}
	f.wg.Add(1)
	go f.loop()
	f.halt()
	s.cache.evict()
}

type Store12 struct {
	mu    sync.Mutex
	cache *Cache12
}

type Cache12 struct {
	mu    sync.Mutex
	store *Store12
}

func (s *Store12) flush() {
	s.mu.Lock()
	s.cache.mu.Lock()
	s.cache.mu.Unlock()
	s.mu.Unlock()
}

func (c *Cache12) evict() {
	c.mu.Lock()
	c.store.mu.Lock() // want `lock-order cycle: \(\*Store12\)\.mu acquired while holding \(\*Cache12\)\.mu; \(\*Store12\)\.flush takes them in the opposite order; RunHaltMaybe runs both at once$`
	c.store.mu.Unlock()
	c.mu.Unlock()
}

type flusher12 struct {
	s     *Store12
	stop  chan struct{}
	wg    sync.WaitGroup
	quick bool
}

func (f *flusher12) loop() {
	defer f.wg.Done()
	for {
		select {
		case <-f.stop:
			return
		default:
		}
		f.s.flush()
	}
}

// The twin's halt may return without waiting.
func (f *flusher12) halt() {
	close(f.stop)
	if f.quick {
		return
	}
	f.wg.Wait()
}

func RunHaltMaybe(s *Store12) {
	f := &flusher12{s: s, stop: make(chan struct{})}
	f.wg.Add(1)
	go f.loop()
	f.halt()
	s.cache.evict()
}

type Node13 struct {
	mu  sync.Mutex
	log *Log13
}

type Log13 struct {
	mu sync.Mutex
	n  int
}

func (n *Node13) propose() {
	n.mu.Lock()
	n.log.mu.Lock()
	n.log.n++
	n.log.mu.Unlock()
	n.mu.Unlock()
}

func (n *Node13) compact() {
	n.log.mu.Lock()
	n.mu.Lock() // want `lock-order cycle: \(\*Node13\)\.mu acquired while holding \(\*Log13\)\.mu; \(\*Node13\)\.propose takes them in the opposite order$`
	n.log.n = 0
	n.mu.Unlock()
	n.log.mu.Unlock()
}

func RunOwnNodes(nodes []*Node13) {
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Add(1)
		go func(n *Node13) {
			defer wg.Done()
			n.propose()
			n.compact()
		}(n)
	}
	wg.Wait()
}

type Node14 struct {
	mu  sync.Mutex
	log *Log14
}

type Log14 struct {
	mu sync.Mutex
	n  int
}

func (n *Node14) propose() {
	n.mu.Lock()
	n.log.mu.Lock()
	n.log.n++
	n.log.mu.Unlock()
	n.mu.Unlock()
}

func (n *Node14) compact() {
	n.log.mu.Lock()
	n.mu.Lock() // want `lock-order cycle: \(\*Node14\)\.mu acquired while holding \(\*Log14\)\.mu; \(\*Node14\)\.propose takes them in the opposite order; RunSharedNode runs both at once$`
	n.log.n = 0
	n.mu.Unlock()
	n.log.mu.Unlock()
}

// The twin's goroutines all work on the one node it was given.
func RunSharedNode(n *Node14, k int) {
	var wg sync.WaitGroup
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.propose()
			n.compact()
		}()
	}
	wg.Wait()
}
