package mixed

import (
	"sync"
	"time"
)

// A buffer only puts the wait off. Tokens are queued on a channel of
// capacity 1 while the registry's mu is held; the keeper's loop drains the
// queue in one case and, in another, expires tokens through a callback that
// takes the same mu. Once the buffer is full the sender waits for the loop,
// and the loop, in its expiry case, waits for mu. The callback is a closure
// a factory makes (newExpirer), kept in a field by the keeper's
// constructor: the call through the field reaches it.

type keeper struct {
	added  chan struct{}
	expire func(string)
	tokens map[string]time.Time
}

func newKeeper(expire func(string)) *keeper {
	k := &keeper{added: make(chan struct{}, 1), expire: expire, tokens: make(map[string]time.Time)}
	go k.run()
	return k
}

func (k *keeper) run() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-k.added:
			k.tokens["t"] = time.Now()
		case <-tick.C:
			for t := range k.tokens {
				k.expire(t)
				delete(k.tokens, t)
			}
		}
	}
}

func (k *keeper) add() {
	k.added <- struct{}{} // want `communication deadlock: send on \(\*keeper\)\.added while holding \(\*registry\)\.mu; once its buffer is full, it waits for the receiver, which takes \(\*registry\)\.mu before it receives again`
}

type registry struct {
	mu     sync.Mutex
	keeper *keeper
	users  map[string]string
}

func newExpirer(r *registry) func(string) {
	return func(t string) {
		r.mu.Lock()
		defer r.mu.Unlock()
		delete(r.users, t)
	}
}

func (r *registry) enable() { r.keeper = newKeeper(newExpirer(r)) }

// badAssign queues the token while it holds r.mu.
func (r *registry) badAssign(user string) {
	r.mu.Lock()
	r.users[user] = user
	r.keeper.add()
	r.mu.Unlock()
}

// goodAssign queues it after releasing r.mu: the loop can always take mu.
type registry2 struct {
	mu     sync.Mutex
	keeper *keeper2
	users  map[string]string
}

type keeper2 struct {
	added  chan struct{}
	expire func(string)
}

func newKeeper2(expire func(string)) *keeper2 {
	k := &keeper2{added: make(chan struct{}, 1), expire: expire}
	go k.run()
	return k
}

func (k *keeper2) run() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-k.added:
		case <-tick.C:
			k.expire("t")
		}
	}
}

func newExpirer2(r *registry2) func(string) {
	return func(t string) {
		r.mu.Lock()
		defer r.mu.Unlock()
		delete(r.users, t)
	}
}

func (r *registry2) enable() { r.keeper = newKeeper2(newExpirer2(r)) }

func (r *registry2) goodAssign(user string) {
	r.mu.Lock()
	r.users[user] = user
	r.mu.Unlock()
	r.keeper.added <- struct{}{}
}

// A send behind a "pending" test may be the only one in the buffer: the
// model cannot tell that it fills, so it says nothing.
type resetter struct {
	mu      sync.Mutex
	pending bool
	reset   chan struct{}
	quit    chan struct{}
}

func newResetter() *resetter {
	r := &resetter{reset: make(chan struct{}, 1), quit: make(chan struct{})}
	go r.loop()
	return r
}

func (r *resetter) loop() {
	for {
		select {
		case <-r.reset:
			r.mu.Lock()
			r.pending = false
			r.mu.Unlock()
		case <-r.quit:
			r.mu.Lock()
			r.pending = false
			r.mu.Unlock()
			return
		}
	}
}

func (r *resetter) goodRequest() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.pending {
		r.pending = true
		r.reset <- struct{}{}
	}
}

// A reply channel of capacity 1 is received from once: one send fits.
type call struct {
	reply chan int
}

type caller struct {
	mu      sync.Mutex
	pending map[int]*call
}

func (c *caller) goodDeliver(id, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pending[id]
	delete(c.pending, id)
	p.reply <- v
}

func (c *caller) wait(id int) int {
	c.mu.Lock()
	p := &call{reply: make(chan int, 1)}
	c.pending[id] = p
	c.mu.Unlock()
	v := <-p.reply
	c.mu.Lock()
	c.mu.Unlock()
	return v
}

func (c *caller) serve(ids chan int) {
	for id := range ids {
		c.goodDeliver(id, id)
	}
}

func (c *caller) start(ids chan int) { go c.serve(ids) }

func (c *caller) startWait() { go c.wait(1) }
