package concurrent

import "sync"

// An event loop takes A, then B, on command, and acknowledges; the starter
// waits for the acknowledgement before it takes B, then A, and sends no
// further command before that. The twin sends a second command without
// waiting for the answer.

type ARR struct {
	mu sync.Mutex
	n  int
}

type BRR struct {
	mu sync.Mutex
	n  int
}

func (a *ARR) both(b *BRR) {
	a.mu.Lock()
	b.mu.Lock()
	b.n++
	b.mu.Unlock()
	a.mu.Unlock()
}

func (b *BRR) both(a *ARR) {
	b.mu.Lock()
	a.mu.Lock() // want `lock-order cycle: \(\*ARR\)\.mu acquired while holding \(\*BRR\)\.mu; \(\*ARR\)\.both takes them in the opposite order$`
	a.n++
	a.mu.Unlock()
	b.mu.Unlock()
}

type requestRR struct {
	n    int
	resp chan struct{}
}

func RunRequestReply(a *ARR, b *BRR) {
	cmds := make(chan requestRR)
	go func() {
		for c := range cmds {
			if c.n == 1 {
				a.both(b)
			}
			c.resp <- struct{}{}
		}
	}()
	req := requestRR{n: 1, resp: make(chan struct{}, 1)}
	cmds <- req
	<-req.resp
	b.both(a)
	close(cmds)
}

type ARRNoWait struct {
	mu sync.Mutex
	n  int
}

type BRRNoWait struct {
	mu sync.Mutex
	n  int
}

func (a *ARRNoWait) both(b *BRRNoWait) {
	a.mu.Lock()
	b.mu.Lock()
	b.n++
	b.mu.Unlock()
	a.mu.Unlock()
}

func (b *BRRNoWait) both(a *ARRNoWait) {
	b.mu.Lock()
	a.mu.Lock() // want `lock-order cycle: \(\*ARRNoWait\)\.mu acquired while holding \(\*BRRNoWait\)\.mu; \(\*ARRNoWait\)\.both takes them in the opposite order; RunRequestNoWait runs both at once$`
	a.n++
	a.mu.Unlock()
	b.mu.Unlock()
}

func RunRequestNoWait(a *ARRNoWait, b *BRRNoWait) {
	cmds := make(chan requestRR, 2)
	go func() {
		for c := range cmds {
			if c.n == 1 {
				a.both(b)
			}
			c.resp <- struct{}{}
		}
	}()
	req := requestRR{n: 1, resp: make(chan struct{}, 1)}
	cmds <- req
	<-req.resp
	again := requestRR{n: 1, resp: make(chan struct{}, 1)}
	cmds <- again
	b.both(a)
	<-again.resp
	close(cmds)
}
