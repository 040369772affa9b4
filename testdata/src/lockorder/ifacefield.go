package lockorder

import "sync"

// An interface call through an unexported field runs only the types the
// package stores there: Pool.log is only ever a *ringLog, so Pool.Get never
// calls Proxy.Log, though a Proxy is a LineLogger too. The twin's pool may
// also log to its proxy.

type LineLogger interface{ Log(string) }

type ringLog struct {
	mu    sync.Mutex
	lines []string
}

func (r *ringLog) Log(s string) { r.mu.Lock(); r.lines = append(r.lines, s); r.mu.Unlock() }

type ConnPool struct {
	mu   sync.Mutex
	idle int
	log  LineLogger
}

func NewConnPool() *ConnPool { return &ConnPool{idle: 4, log: &ringLog{}} }

func (p *ConnPool) Get() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle--
	p.log.Log("get")
}

func (p *ConnPool) Idle() int { p.mu.Lock(); defer p.mu.Unlock(); return p.idle }

type Proxy struct {
	mu     sync.Mutex
	pool   *ConnPool
	access []string
}

func (x *Proxy) Log(s string) { x.mu.Lock(); x.access = append(x.access, s); x.mu.Unlock() }

func (x *Proxy) Status() int { x.mu.Lock(); defer x.mu.Unlock(); return x.pool.Idle() }

type PoolTwin struct {
	mu   sync.Mutex
	idle int
	log  LineLogger
}

func NewPoolTwin(l LineLogger) *PoolTwin { return &PoolTwin{idle: 4, log: l} }

func (p *PoolTwin) Get() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle--
	p.log.Log("get")
}

func (p *PoolTwin) Idle() int { p.mu.Lock(); defer p.mu.Unlock(); return p.idle }

type ProxyTwin struct {
	mu     sync.Mutex
	pool   *PoolTwin
	access []string
}

func (x *ProxyTwin) Log(s string) { x.mu.Lock(); x.access = append(x.access, s); x.mu.Unlock() }

func (x *ProxyTwin) Status() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.pool.Idle() // want `lock-order cycle: \(\*PoolTwin\)\.mu acquired while holding \(\*ProxyTwin\)\.mu; \(\*PoolTwin\)\.Get takes them in the opposite order`
}
