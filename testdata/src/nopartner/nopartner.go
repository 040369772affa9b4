// Package nopartner tests the nopartner check: a channel operation that has
// no counterpart anywhere, so it blocks forever. A send on a channel that is
// never received from nor passed anywhere ("no receiver"), a receive from a
// channel never sent on, closed nor passed anywhere ("no sender"), an
// operation on a nil channel (a var never assigned, or a struct field never
// assigned a made channel in the package), a receive from the Done channel
// of context.Background() or context.TODO() (nil: it never fires), and an
// empty select outside func main. The finding is at the blocking operation
// itself. Every badX case has a goodX twin of the same shape with the bug
// fixed, which must stay silent.
package nopartner

import (
	"context"
	"sync"
)

// sink consumes a value.
func sink(int) {}

// compute stands for work.
func compute(x int) int { return x + 1 }

// badNoReceiver sends on a channel nobody receives from.
func badNoReceiver(x int) {
	ch := make(chan int)
	go func() { sink(x) }()
	ch <- compute(x) // want `no receiver: send on ch blocks forever`
}

// goodNoReceiver has a goroutine that receives.
func goodNoReceiver(x int) {
	ch := make(chan int)
	go func() { sink(<-ch) }()
	ch <- compute(x)
}

// badNoReceiverPassed hands the helper a different channel than the one it sends on.
func badNoReceiverPassed(x int) {
	results := make(chan int)
	other := make(chan int, 1)
	other <- 0
	go consume(other)
	results <- x // want `no receiver: send on results blocks forever`
}

// goodNoReceiverPassed passes the channel to a receiving helper.
func goodNoReceiverPassed(x int) {
	results := make(chan int)
	go consume(results)
	results <- x
}

// consume receives one value from ch.
func consume(ch <-chan int) { sink(<-ch) }

// badNoSender waits on a channel nothing sends on, closes or passes.
func badNoSender(x int) int {
	done := make(chan int)
	go func() { sink(compute(x)) }()
	return <-done // want `no sender: receive from done blocks forever`
}

// goodNoSender's goroutine sends on done.
func goodNoSender(x int) int {
	done := make(chan int)
	go func() { done <- compute(x) }()
	return <-done
}

// badNoSenderSignal waits for a signal channel nobody closes.
func badNoSenderSignal(x int) {
	ready := make(chan struct{})
	go func() { sink(x) }()
	<-ready // want `no sender: receive from ready blocks forever`
}

// goodNoSenderSignal's goroutine closes ready.
func goodNoSenderSignal(x int) {
	ready := make(chan struct{})
	go func() { sink(x); close(ready) }()
	<-ready
}

// badNilRecv receives from a channel variable that is never assigned.
func badNilRecv() int {
	var ch chan int
	go func() { sink(1) }()
	return <-ch // want `nil channel: receive from ch blocks forever`
}

// goodNilRecv makes the channel and sends on it.
func goodNilRecv() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return <-ch
}

// badNilSend sends on a channel variable that is never assigned.
func badNilSend(x int) {
	var ch chan int
	go func() { sink(x) }()
	ch <- x // want `nil channel: send on ch blocks forever`
}

// goodNilSend makes the channel and receives from it.
func goodNilSend(x int) {
	ch := make(chan int)
	go func() { sink(<-ch) }()
	ch <- x
}

// badServer's quit field is never assigned a made channel in this package.
type badServer struct {
	quit chan struct{}
}

// newBadServer forgets quit.
func newBadServer() *badServer { return &badServer{} }

// wait blocks on the nil quit channel.
func (s *badServer) wait() {
	<-s.quit // want `nil channel: receive from \(\*badServer\)\.quit blocks forever`
}

// goodServer's constructor makes quit.
type goodServer struct {
	quit chan struct{}
}

// newGoodServer makes both channels.
func newGoodServer() *goodServer {
	return &goodServer{quit: make(chan struct{})}
}

// wait blocks until quit is closed.
func (s *goodServer) wait() {
	<-s.quit
}

// stop closes quit.
func (s *goodServer) stop() { close(s.quit) }

// badSink's out field is never assigned a made channel.
type badSink struct{ out chan int }

func newBadSink() *badSink { return &badSink{} }

// put sends on the nil out channel.
func (k *badSink) put(v int) {
	k.out <- v // want `nil channel: send on \(\*badSink\)\.out blocks forever`
}

// goodSink's constructor makes out and a reader drains it.
type goodSink struct{ out chan int }

// newGoodSink makes out and starts a reader.
func newGoodSink() *goodSink {
	k := &goodSink{out: make(chan int)}
	go func() {
		for v := range k.out {
			sink(v)
		}
	}()
	return k
}

// put sends on out.
func (k *goodSink) put(v int) {
	k.out <- v
}

// shutdown ends the reader.
func (k *goodSink) shutdown() { close(k.out) }

// badBackground waits for context.Background() to be done; it never is.
func badBackground() {
	<-context.Background().Done() // want `nil channel: context\.Background\(\)\.Done\(\) never fires`
}

// goodBackground waits for the caller's ctx.
func goodBackground(ctx context.Context) {
	<-ctx.Done()
}

// badTODO waits for context.TODO() to be done; it never is.
func badTODO() {
	<-context.TODO().Done() // want `nil channel: context\.TODO\(\)\.Done\(\) never fires`
}

// goodTODO waits for the caller's ctx.
func goodTODO(ctx context.Context) {
	<-ctx.Done()
}

// badSelectForever parks a library function forever.
func badSelectForever(x int) {
	go func() { sink(x) }()
	select {} // want `select \{\} blocks forever outside main`
}

// goodSelectForever waits for the goroutine it started.
func goodSelectForever(x int) {
	done := make(chan struct{})
	go func() { sink(x); close(done) }()
	<-done
}

// rowChannel's data channel is pushed to but nothing in the package ever
// receives from it (cockroach#35931's shape).
type rowChannel struct {
	data chan int
}

func newRowChannel(size int) *rowChannel { return &rowChannel{data: make(chan int, size)} }

func (rc *rowChannel) push(v int) {
	rc.data <- v // want `no receiver: send on \(\*rowChannel\)\.data blocks forever once its buffer is full`
}

// goodRowChannel's consumer drains it.
type goodRowChannel struct {
	data chan int
}

func newGoodRowChannel(size int) *goodRowChannel { return &goodRowChannel{data: make(chan int, size)} }

func (rc *goodRowChannel) push(v int) { rc.data <- v }

func (rc *goodRowChannel) next() int { return <-rc.data }

// eventWatcher closes its result channel when it stops, in a defer, but
// nothing ever receives from it: the close does not make the sends finish.
type eventWatcher struct {
	result chan int
}

func newEventWatcher(size int) *eventWatcher {
	w := &eventWatcher{result: make(chan int, size)}
	go w.process([]int{1, 2})
	return w
}

func (w *eventWatcher) process(events []int) {
	defer close(w.result)
	for _, e := range events {
		w.result <- e // want `no receiver: send on \(\*eventWatcher\)\.result blocks forever once its buffer is full`
	}
}

// goodEventWatcher's consumer ranges over the results until the close.
type goodEventWatcher struct {
	result chan int
}

func newGoodEventWatcher(size int) *goodEventWatcher {
	w := &goodEventWatcher{result: make(chan int, size)}
	go w.process([]int{1, 2})
	return w
}

func (w *goodEventWatcher) process(events []int) {
	defer close(w.result)
	for _, e := range events {
		w.result <- e
	}
}

func (w *goodEventWatcher) drain() (n int) {
	for e := range w.result {
		n += e
	}
	return n
}

// stopper runs workers the way cockroach's Stopper does: the function it is
// given runs in a goroutine of its own.
type stopper struct{ wg sync.WaitGroup }

func (s *stopper) runWorker(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

// badFillFirst fills the buffer, then sends again before it starts the
// worker that receives (cockroach#24808's shape).
func badFillFirst(s *stopper) {
	ch := make(chan int, 1)
	ch <- 1
	ch <- 2 // want `no receiver yet: send on ch blocks forever: the buffer \(1\) is full before the goroutine that receives is started`
	s.runWorker(func() {
		for {
			sink(<-ch)
		}
	})
}

// goodFillFirst starts the worker first, and closes the channel it ranges over.
func goodFillFirst(s *stopper) {
	ch := make(chan int, 1)
	s.runWorker(func() {
		for v := range ch {
			sink(v)
		}
	})
	ch <- 1
	ch <- 2
	close(ch)
}

// badSendBeforeStart sends on an unbuffered channel before starting its receiver.
func badSendBeforeStart() {
	ch := make(chan int)
	ch <- 1 // want `no receiver yet: send on ch blocks forever: the goroutine that receives is started after it`
	go func() { sink(<-ch) }()
}

// goodSendAfterStart starts the receiver first.
func goodSendAfterStart() {
	ch := make(chan int)
	go func() { sink(<-ch) }()
	ch <- 1
}
