// Package commsilent is the catalogue of correct channel and goroutine code
// that the channel checks (leak, neverclosed, nopartner) must not report:
// semaphores, closed pipelines, worker pools, request/reply, tickers with a
// stop channel, fan-in, non-blocking sends, error channels buffered to the
// number of workers, done channels, generators ranged to completion and
// context cancellation loops. It has no want comments: any diagnostic here
// is a false positive.
package commsilent

import (
	"context"
	"errors"
	"sync"
	"time"
)

var errBad = errors.New("bad")

// sink consumes a value.
func sink(int) {}

// compute stands for work.
func compute(x int) int { return x * 2 }

// check stands for work that can fail.
func check(x int) error {
	if x < 0 {
		return errBad
	}
	return nil
}

// semaphore bounds concurrency with a buffered channel.
func semaphore(items []int) {
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			sink(compute(it))
		}()
	}
	wg.Wait()
}

// stage is a pipeline stage that closes its output and honours ctx.
func stage(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- compute(v):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// source feeds items into a channel it closes, honouring ctx.
func source(ctx context.Context, items []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, it := range items {
			select {
			case out <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// pipeline chains stages and cancels them if it stops reading early.
func pipeline(ctx context.Context, items []int, limit int) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	total := 0
	for v := range stage(ctx, stage(ctx, source(ctx, items))) {
		total += v
		if total > limit {
			return total
		}
	}
	return total
}

// workerPool drains a jobs channel that the producer closes.
func workerPool(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				sink(compute(j))
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}

// requestBuffered abandons the reply on timeout, but the reply is buffered.
func requestBuffered(x int) (int, error) {
	reply := make(chan int, 1)
	go func() { reply <- compute(x) }()
	select {
	case v := <-reply:
		return v, nil
	case <-time.After(time.Second):
		return 0, errBad
	}
}

// requestAlwaysRead reads the unbuffered reply on every path.
func requestAlwaysRead(x int) (int, error) {
	reply := make(chan int)
	go func() { reply <- compute(x) }()
	v := <-reply
	if v < 0 {
		return 0, errBad
	}
	return v, nil
}

// poller runs a ticker loop until stop is closed.
type poller struct {
	stop chan struct{}
	done chan struct{}
}

// newPoller makes the channels.
func newPoller() *poller {
	return &poller{stop: make(chan struct{}), done: make(chan struct{})}
}

// run ticks until stop is closed, then closes done.
func (p *poller) run() {
	defer close(p.done)
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			sink(1)
		case <-p.stop:
			return
		}
	}
}

// Close stops the loop and waits for it.
func (p *poller) Close() {
	close(p.stop)
	<-p.done
}

// tickerLoop starts a poller and always closes it.
func tickerLoop() {
	p := newPoller()
	go p.run()
	defer p.Close()
	sink(2)
}

// fanIn merges inputs; a goroutine closes out after every forwarder is done.
func fanIn(ins ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// fanInUser ranges over the merged output to completion.
func fanInUser(ctx context.Context, a, b []int) int {
	total := 0
	for v := range fanIn(source(ctx, a), source(ctx, b)) {
		total += v
	}
	return total
}

// nonBlockingSend drops the value when nobody is ready.
func nonBlockingSend(events chan<- int, v int) bool {
	select {
	case events <- v:
		return true
	default:
		return false
	}
}

// notifier owns an events channel that nonBlockingSend may find full.
func notifier(items []int) int {
	events := make(chan int, 1)
	sent := 0
	for _, it := range items {
		if nonBlockingSend(events, it) {
			sent++
		}
	}
	return sent
}

// errGroupLike collects errors in a channel buffered to the number of workers.
func errGroupLike(items []int) error {
	errs := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := check(it); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	return nil
}

// firstError returns the first error early; the buffer keeps the others from blocking.
func firstError(items []int) error {
	errs := make(chan error, len(items))
	for _, it := range items {
		go func() { errs <- check(it) }()
	}
	for range items {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// doneChannel signals completion with defer close(done).
func doneChannel(x int) int {
	done := make(chan struct{})
	result := 0
	go func() {
		defer close(done)
		result = compute(x)
	}()
	<-done
	return result
}

// count is a generator that closes its channel.
func count(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

// generatorUser ranges over count to completion.
func generatorUser() int {
	total := 0
	for v := range count(5) {
		total += v
	}
	return total
}

// cancelLoop processes input until ctx is cancelled or in is closed.
func cancelLoop(ctx context.Context, in <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case v, ok := <-in:
			if !ok {
				return nil
			}
			sink(v)
		}
	}
}

// cancelLoopUser runs cancelLoop over a closed source with a cancellable ctx.
func cancelLoopUser(ctx context.Context, items []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	return cancelLoop(ctx, source(ctx, items))
}

// timeoutCtx gives up after a deadline; the worker honours the same ctx.
func timeoutCtx(ctx context.Context, x int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	res := make(chan int)
	go func() {
		select {
		case res <- compute(x):
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-res:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// counter publishes its count on out after releasing its mutex.
type counter struct {
	mu  sync.Mutex
	n   int
	out chan int
}

// newCounter makes out with room for one pending value.
func newCounter() *counter { return &counter{out: make(chan int, 1)} }

// bump increments under the lock and publishes after unlocking, without blocking.
func (c *counter) bump() {
	c.mu.Lock()
	c.n++
	n := c.n
	c.mu.Unlock()
	select {
	case c.out <- n:
	default:
	}
}

// latest reads the published value if there is one.
func (c *counter) latest() (int, bool) {
	select {
	case v := <-c.out:
		return v, true
	default:
		return 0, false
	}
}

// returnsBeforeStart has early returns before the channel exists; on every
// path that makes it, both senders are received from or buffered
// (httputil's switch-protocol copier).
func returnsBeforeStart(x int) error {
	if x < 0 {
		return nil
	}
	if x > 100 {
		return nil
	}
	errc := make(chan error, 1)
	go func() { errc <- nil }()
	go func() { errc <- nil }()
	err := <-errc
	if err == nil {
		err = <-errc
	}
	return err
}

// tokenPassing uses a channel of capacity 1 as a mutex: each goroutine
// takes the token before it puts it back (os/exec's statusc).
func tokenPassing(fns []func()) {
	status := make(chan int, 1)
	status <- 0
	for _, fn := range fns {
		go func() {
			fn()
			n := <-status
			status <- n + 1
		}()
	}
}
