package leak

import (
	"context"
	"sync"
)

// agent's run loop receives exit statuses until its context is cancelled,
// then returns; runWait goroutines started by restart keep sending on the
// unbuffered statusCh (istio#17860's shape).
type agent struct {
	mu       sync.Mutex
	statusCh chan int
	epoch    int
}

func newAgent() *agent { return &agent{statusCh: make(chan int)} }

func (a *agent) run(ctx context.Context) {
	for {
		select {
		case s := <-a.statusCh:
			sink(s)
		case <-ctx.Done():
			return
		}
	}
}

func (a *agent) restart() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.epoch++
	go a.runWait(a.epoch) // want `goroutine leak: send on \(\*agent\)\.statusCh blocks forever: every receiver may leave by another select case`
}

func (a *agent) runWait(epoch int) { a.statusCh <- epoch }

// goodAgent's senders give up when the context is cancelled too.
type goodAgent struct {
	statusCh chan int
}

func newGoodAgent() *goodAgent { return &goodAgent{statusCh: make(chan int)} }

func (a *goodAgent) run(ctx context.Context) {
	for {
		select {
		case s := <-a.statusCh:
			sink(s)
		case <-ctx.Done():
			return
		}
	}
}

func (a *goodAgent) restart(ctx context.Context, epoch int) {
	go a.runWait(ctx, epoch)
}

func (a *goodAgent) runWait(ctx context.Context, epoch int) {
	select {
	case a.statusCh <- epoch:
	case <-ctx.Done():
	}
}
