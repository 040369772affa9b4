package concurrent

import (
	"sync"
	"sync/atomic"
)

// A goroutine that nests one way only once a field says the starter is
// running, where only the starter sets it, after nesting the other way:
// a bool field read under a lock, an atomic.Bool, and a handler called
// only when set. Each twin sets the field before its own nesting.

type DispSG struct {
	mu   sync.Mutex
	seen int
}

type HoldSG struct {
	mu      sync.Mutex
	running bool
	val     int
}

type ClientSG struct {
	h      HoldSG
	d      DispSG
	pushes chan int
}

func (c *ClientSG) receiver() {
	for v := range c.pushes {
		c.h.mu.Lock()
		if c.h.running {
			c.h.val = v
			c.d.mu.Lock()
			c.d.seen = v
			c.d.mu.Unlock()
		}
		c.h.mu.Unlock()
	}
}

func (c *ClientSG) start() {
	go c.receiver()
	c.d.mu.Lock()
	c.h.mu.Lock() // want `lock-order cycle: \(\*HoldSG\)\.mu acquired while holding \(\*DispSG\)\.mu; \(\*ClientSG\)\.receiver takes them in the opposite order$`
	c.h.val, c.d.seen = -1, -1
	c.h.mu.Unlock()
	c.d.mu.Unlock()
	c.h.mu.Lock()
	c.h.running = true
	c.h.mu.Unlock()
}

type DispSGEarly struct {
	mu   sync.Mutex
	seen int
}

type HoldSGEarly struct {
	mu      sync.Mutex
	running bool
	val     int
}

type ClientSGEarly struct {
	h      HoldSGEarly
	d      DispSGEarly
	pushes chan int
}

func (c *ClientSGEarly) receiver() {
	for v := range c.pushes {
		c.h.mu.Lock()
		if c.h.running {
			c.h.val = v
			c.d.mu.Lock()
			c.d.seen = v
			c.d.mu.Unlock()
		}
		c.h.mu.Unlock()
	}
}

func (c *ClientSGEarly) start() {
	go c.receiver()
	c.h.mu.Lock()
	c.h.running = true
	c.h.mu.Unlock()
	c.d.mu.Lock()
	c.h.mu.Lock() // want `lock-order cycle: \(\*HoldSGEarly\)\.mu acquired while holding \(\*DispSGEarly\)\.mu; \(\*ClientSGEarly\)\.receiver takes them in the opposite order; \(\*ClientSGEarly\)\.start runs both at once$`
	c.h.val, c.d.seen = -1, -1
	c.h.mu.Unlock()
	c.d.mu.Unlock()
}

type ASG struct {
	mu sync.Mutex
	n  int
}

type BSG struct {
	mu sync.Mutex
	n  int
}

type LoopSG struct {
	a       *ASG
	b       *BSG
	running atomic.Bool
	in      chan int
}

func (s *LoopSG) loop() {
	for v := range s.in {
		if !s.running.Load() {
			continue
		}
		s.a.mu.Lock()
		s.b.mu.Lock()
		s.b.n += v
		s.b.mu.Unlock()
		s.a.mu.Unlock()
	}
}

func (s *LoopSG) Start() {
	go s.loop()
	s.b.mu.Lock()
	s.a.mu.Lock() // want `lock-order cycle: \(\*ASG\)\.mu acquired while holding \(\*BSG\)\.mu; \(\*LoopSG\)\.loop takes them in the opposite order$`
	s.a.n++
	s.a.mu.Unlock()
	s.b.mu.Unlock()
	s.running.Store(true)
}

type ASGEarly struct {
	mu sync.Mutex
	n  int
}

type BSGEarly struct {
	mu sync.Mutex
	n  int
}

type LoopSGEarly struct {
	a       *ASGEarly
	b       *BSGEarly
	running atomic.Bool
	in      chan int
}

func (s *LoopSGEarly) loop() {
	for v := range s.in {
		if !s.running.Load() {
			continue
		}
		s.a.mu.Lock()
		s.b.mu.Lock()
		s.b.n += v
		s.b.mu.Unlock()
		s.a.mu.Unlock()
	}
}

func (s *LoopSGEarly) Start() {
	go s.loop()
	s.running.Store(true)
	s.b.mu.Lock()
	s.a.mu.Lock() // want `lock-order cycle: \(\*ASGEarly\)\.mu acquired while holding \(\*BSGEarly\)\.mu; \(\*LoopSGEarly\)\.loop takes them in the opposite order; \(\*LoopSGEarly\)\.Start runs both at once$`
	s.a.n++
	s.a.mu.Unlock()
	s.b.mu.Unlock()
}

type ConnSG struct {
	mu    sync.Mutex
	acked int
}

type ConsumerSG struct {
	mu       sync.Mutex
	conn     *ConnSG
	seen     int
	handler  func(int)
	incoming chan int
}

func (c *ConsumerSG) readLoop() {
	for m := range c.incoming {
		c.mu.Lock()
		h := c.handler
		c.mu.Unlock()
		if h != nil {
			h(m)
		}
	}
}

func (c *ConsumerSG) commit(int) {
	c.mu.Lock()
	c.conn.mu.Lock()
	c.conn.acked++
	c.conn.mu.Unlock()
	c.mu.Unlock()
}

func SubscribeSG(conn *ConnSG, in chan int) *ConsumerSG {
	c := &ConsumerSG{conn: conn, incoming: in}
	go c.readLoop()
	conn.mu.Lock()
	c.mu.Lock() // want `lock-order cycle: \(\*ConsumerSG\)\.mu acquired while holding \(\*ConnSG\)\.mu; \(\*ConsumerSG\)\.commit takes them in the opposite order$`
	c.seen = conn.acked
	c.mu.Unlock()
	conn.mu.Unlock()
	c.mu.Lock()
	c.handler = c.commit
	c.mu.Unlock()
	return c
}

type ConnSGEarly struct {
	mu    sync.Mutex
	acked int
}

type ConsumerSGEarly struct {
	mu       sync.Mutex
	conn     *ConnSGEarly
	seen     int
	handler  func(int)
	incoming chan int
}

func (c *ConsumerSGEarly) readLoop() {
	for m := range c.incoming {
		c.mu.Lock()
		h := c.handler
		c.mu.Unlock()
		if h != nil {
			h(m)
		}
	}
}

func (c *ConsumerSGEarly) commit(int) {
	c.mu.Lock()
	c.conn.mu.Lock()
	c.conn.acked++
	c.conn.mu.Unlock()
	c.mu.Unlock()
}

func SubscribeSGEarly(conn *ConnSGEarly, in chan int) *ConsumerSGEarly {
	c := &ConsumerSGEarly{conn: conn, incoming: in, handler: nil}
	go c.readLoop()
	c.mu.Lock()
	c.handler = c.commit
	c.mu.Unlock()
	conn.mu.Lock()
	c.mu.Lock() // want `lock-order cycle: \(\*ConsumerSGEarly\)\.mu acquired while holding \(\*ConnSGEarly\)\.mu; \(\*ConsumerSGEarly\)\.commit takes them in the opposite order; SubscribeSGEarly runs both at once$`
	c.seen = conn.acked
	c.mu.Unlock()
	conn.mu.Unlock()
	return c
}

// An enum state: the receiver leaves unless the state is running, which
// only start sets, after its nesting (closing sets another state). The
// twin's Resume sets running too, at any time.

const (
	stIdle = iota
	stRunning
	stClosed
)

type DispEnum struct {
	mu   sync.Mutex
	seen int
}

type HoldEnum struct {
	mu    sync.Mutex
	state int
	val   int
}

type ClientEnum struct {
	h      *HoldEnum
	d      *DispEnum
	pushes chan int
}

func (c *ClientEnum) apply(v int) {
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	if c.h.state != stRunning {
		return
	}
	c.h.val = v
	c.d.mu.Lock()
	c.d.seen = v
	c.d.mu.Unlock()
}

func (c *ClientEnum) receiver() {
	for v := range c.pushes {
		c.apply(v)
	}
}

func (c *ClientEnum) Close() {
	c.h.mu.Lock()
	c.h.state = stClosed
	c.h.mu.Unlock()
}

func (c *ClientEnum) start() {
	go c.receiver()
	c.d.mu.Lock()
	c.h.mu.Lock() // want `lock-order cycle: \(\*HoldEnum\)\.mu acquired while holding \(\*DispEnum\)\.mu; \(\*ClientEnum\)\.apply takes them in the opposite order$`
	c.h.val, c.d.seen = -1, -1
	c.h.mu.Unlock()
	c.d.mu.Unlock()
	c.h.mu.Lock()
	c.h.state = stRunning
	c.h.mu.Unlock()
}

type DispEnumResume struct {
	mu   sync.Mutex
	seen int
}

type HoldEnumResume struct {
	mu    sync.Mutex
	state int
	val   int
}

type ClientEnumResume struct {
	h      *HoldEnumResume
	d      *DispEnumResume
	pushes chan int
}

func (c *ClientEnumResume) apply(v int) {
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	if c.h.state != stRunning {
		return
	}
	c.h.val = v
	c.d.mu.Lock()
	c.d.seen = v
	c.d.mu.Unlock()
}

func (c *ClientEnumResume) receiver() {
	for v := range c.pushes {
		c.apply(v)
	}
}

func (c *ClientEnumResume) Resume() {
	c.h.mu.Lock()
	c.h.state = stRunning
	c.h.mu.Unlock()
}

func (c *ClientEnumResume) start() {
	go c.receiver()
	c.d.mu.Lock()
	c.h.mu.Lock() // want `lock-order cycle: \(\*HoldEnumResume\)\.mu acquired while holding \(\*DispEnumResume\)\.mu; \(\*ClientEnumResume\)\.apply takes them in the opposite order; \(\*ClientEnumResume\)\.start runs both at once$`
	c.h.val, c.d.seen = -1, -1
	c.h.mu.Unlock()
	c.d.mu.Unlock()
	c.h.mu.Lock()
	c.h.state = stRunning
	c.h.mu.Unlock()
}

// An atomic.Int32 state compared with a constant: the loop nests only once
// it reads serving, which only Start stores, after its own nesting. The
// twin's Resume also stores it.

type ClusterAI struct {
	mu sync.Mutex
	n  int
}

type ServerAI struct {
	mu    sync.Mutex
	c     *ClusterAI
	state atomic.Int32
	ticks chan struct{}
}

func (s *ServerAI) loop() {
	for range s.ticks {
		if s.state.Load() != 2 {
			continue
		}
		s.mu.Lock()
		s.c.mu.Lock()
		s.c.n++
		s.c.mu.Unlock()
		s.mu.Unlock()
	}
}

func (s *ServerAI) Start() {
	go s.loop()
	s.c.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*ServerAI\)\.mu acquired while holding \(\*ClusterAI\)\.mu; \(\*ServerAI\)\.loop takes them in the opposite order$`
	s.c.n = 1
	s.mu.Unlock()
	s.c.mu.Unlock()
	s.state.Store(2)
}

type ClusterAIResume struct {
	mu sync.Mutex
	n  int
}

type ServerAIResume struct {
	mu    sync.Mutex
	c     *ClusterAIResume
	state atomic.Int32
	ticks chan struct{}
}

func (s *ServerAIResume) loop() {
	for range s.ticks {
		if s.state.Load() != 2 {
			continue
		}
		s.mu.Lock()
		s.c.mu.Lock()
		s.c.n++
		s.c.mu.Unlock()
		s.mu.Unlock()
	}
}

func (s *ServerAIResume) Resume() { s.state.Add(1) }

func (s *ServerAIResume) Start() {
	go s.loop()
	s.c.mu.Lock()
	s.mu.Lock() // want `lock-order cycle: \(\*ServerAIResume\)\.mu acquired while holding \(\*ClusterAIResume\)\.mu; \(\*ServerAIResume\)\.loop takes them in the opposite order; \(\*ServerAIResume\)\.Start runs both at once$`
	s.c.n = 1
	s.mu.Unlock()
	s.c.mu.Unlock()
	s.state.Store(2)
}
