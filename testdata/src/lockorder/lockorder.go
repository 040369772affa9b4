// Package lockorder tests the lockorder check: two (or more) locks acquired in
// opposite orders, directly or through calls, closures, method values and
// interface calls. Each cycle is reported once; for a cycle within one
// package the finding is expected at the edge that comes later in the file,
// so each badX case is a pair of functions and the want is in the second.
// Every case uses its own lock classes (types or variables) so that cases do
// not form cycles with each other; each goodX twin takes the same locks in
// one consistent order (or not nested) and must stay silent.
package lockorder

import "sync"

// --- fields of two named types (the check's documented example) ---

type Cache struct {
	mu    sync.Mutex
	store *Store
}

type Store struct {
	mu    sync.Mutex
	cache *Cache
}

// Put takes Cache.mu, then Store.mu.
func (c *Cache) Put() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.store.mu.Lock()
	defer c.store.mu.Unlock()
}

// badEvict takes Store.mu, then Cache.mu: the opposite order.
func (s *Store) badEvict() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cache.mu.Lock() // want `lock-order cycle: \(\*Cache\)\.mu acquired while holding \(\*Store\)\.mu`
	defer s.cache.mu.Unlock()
}

type OkCache struct {
	mu    sync.Mutex
	store *OkStore
}

type OkStore struct {
	mu    sync.Mutex
	cache *OkCache
}

// Put takes OkCache.mu, then OkStore.mu.
func (c *OkCache) Put() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.store.mu.Lock()
	defer c.store.mu.Unlock()
}

// goodEvict takes the two locks in the same order as Put.
func (s *OkStore) goodEvict() {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
}

// --- package-level variables ---

var muA, muB sync.Mutex

// lockAB takes muA, then muB.
func lockAB() {
	muA.Lock()
	defer muA.Unlock()
	muB.Lock()
	defer muB.Unlock()
}

// badLockBA takes muB, then muA.
func badLockBA() {
	muB.Lock()
	defer muB.Unlock()
	muA.Lock() // want `lock-order cycle: muA acquired while holding muB`
	defer muA.Unlock()
}

var okA, okB sync.Mutex

// okLockAB takes okA, then okB.
func okLockAB() {
	okA.Lock()
	defer okA.Unlock()
	okB.Lock()
	defer okB.Unlock()
}

// goodLockAB takes them in the same order.
func goodLockAB() {
	okA.Lock()
	defer okA.Unlock()
	okB.Lock()
	defer okB.Unlock()
}

// --- through calls: the second lock is taken three calls down ---

type Jobs struct {
	mu sync.Mutex
	q  *Queue
}

type Queue struct {
	mu   sync.Mutex
	jobs *Jobs
}

func (q *Queue) push()  { q.grow() }
func (q *Queue) grow()  { q.store() }
func (q *Queue) store() { q.mu.Lock(); q.mu.Unlock() }
func (j *Jobs) count()  { j.mu.Lock(); j.mu.Unlock() }

// Submit holds Jobs.mu and reaches Queue.mu through push -> grow -> store.
func (j *Jobs) Submit() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.q.push()
}

// badDrain holds Queue.mu and calls count, which takes Jobs.mu.
func (q *Queue) badDrain() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs.count() // want `lock-order cycle: \(\*Jobs\)\.mu acquired while holding \(\*Queue\)\.mu`
}

type OkJobs struct {
	mu sync.Mutex
	q  *OkQueue
}

type OkQueue struct {
	mu   sync.Mutex
	jobs *OkJobs
}

func (q *OkQueue) push()  { q.grow() }
func (q *OkQueue) grow()  { q.store() }
func (q *OkQueue) store() { q.mu.Lock(); q.mu.Unlock() }
func (j *OkJobs) count()  { j.mu.Lock(); j.mu.Unlock() }

// Submit holds OkJobs.mu and reaches OkQueue.mu.
func (j *OkJobs) Submit() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.q.push()
}

// goodDrain counts the jobs before taking OkQueue.mu.
func (q *OkQueue) goodDrain() {
	q.jobs.count()
	q.mu.Lock()
	defer q.mu.Unlock()
}

// --- through an interface: Sink's only implementation is *fileSink ---

type Sink interface{ Write(msg string) }

type fileSink struct {
	mu  sync.Mutex
	log *Logger
}

func (f *fileSink) Write(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
}

type Logger struct {
	mu   sync.Mutex
	sink Sink
}

// Rotate takes fileSink.mu, then Logger.mu.
func (f *fileSink) Rotate() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
}

// badLog holds Logger.mu and calls Sink.Write, which takes fileSink.mu.
func (l *Logger) badLog(msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sink.Write(msg) // want `lock-order cycle: \(\*fileSink\)\.mu acquired while holding \(\*Logger\)\.mu`
}

type OkSink interface{ Emit(msg string) }

type okFileSink struct {
	mu  sync.Mutex
	log *OkLogger
}

func (f *okFileSink) Emit(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
}

type OkLogger struct {
	mu   sync.Mutex
	sink OkSink
}

// Rotate takes okFileSink.mu, then OkLogger.mu.
func (f *okFileSink) Rotate() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
}

// goodLog copies the sink under OkLogger.mu and writes after releasing it.
func (l *OkLogger) goodLog(msg string) {
	l.mu.Lock()
	sink := l.sink
	l.mu.Unlock()
	sink.Emit(msg)
}

// --- generic types: Pool[int].mu is the class (*Pool).mu ---

type Pool[T any] struct {
	mu    sync.Mutex
	items []T
	reg   *Registry
}

type Registry struct {
	mu    sync.Mutex
	n     int
	pools []*Pool[int]
}

// Put takes Pool.mu, then Registry.mu.
func (p *Pool[T]) Put(x T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.items = append(p.items, x)
	p.reg.mu.Lock()
	p.reg.n++
	p.reg.mu.Unlock()
}

// badDrainAll takes Registry.mu, then each Pool.mu.
func (r *Registry) badDrainAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.pools {
		p.mu.Lock() // want `lock-order cycle: \(\*Pool\)\.mu acquired while holding \(\*Registry\)\.mu`
		p.items = nil
		p.mu.Unlock()
	}
}

type OkPool[T any] struct {
	mu    sync.Mutex
	items []T
	reg   *OkRegistry
}

type OkRegistry struct {
	mu    sync.Mutex
	n     int
	pools []*OkPool[int]
}

// Put takes OkPool.mu, then OkRegistry.mu.
func (p *OkPool[T]) Put(x T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.items = append(p.items, x)
	p.reg.mu.Lock()
	p.reg.n++
	p.reg.mu.Unlock()
}

// goodDrainAll copies the pool list under OkRegistry.mu and drains after.
func (r *OkRegistry) goodDrainAll() {
	r.mu.Lock()
	pools := r.pools
	r.mu.Unlock()
	for _, p := range pools {
		p.mu.Lock()
		p.items = nil
		p.mu.Unlock()
	}
}

// --- three locks: reqMu -> respMu -> connMu -> reqMu ---

var reqMu, respMu, connMu sync.Mutex

func reqThenResp() {
	reqMu.Lock()
	defer reqMu.Unlock()
	respMu.Lock()
	defer respMu.Unlock()
}

func respThenConn() {
	respMu.Lock()
	defer respMu.Unlock()
	connMu.Lock()
	defer connMu.Unlock()
}

// badConnThenReq closes the three-lock cycle.
func badConnThenReq() {
	connMu.Lock()
	defer connMu.Unlock()
	reqMu.Lock() // want `lock-order cycle: reqMu acquired while holding connMu`
	defer reqMu.Unlock()
}

var okReqMu, okRespMu, okConnMu sync.Mutex

func okReqThenResp() {
	okReqMu.Lock()
	defer okReqMu.Unlock()
	okRespMu.Lock()
	defer okRespMu.Unlock()
}

func okRespThenConn() {
	okRespMu.Lock()
	defer okRespMu.Unlock()
	okConnMu.Lock()
	defer okConnMu.Unlock()
}

// goodReqThenConn follows req -> resp -> conn.
func goodReqThenConn() {
	okReqMu.Lock()
	defer okReqMu.Unlock()
	okConnMu.Lock()
	defer okConnMu.Unlock()
}
