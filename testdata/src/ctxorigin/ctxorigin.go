// Package ctxorigin tests where a context comes from, for a plain receive on
// its Done channel: context.Background() and TODO() never fire (Done is
// nil); a context of context.WithCancel fires only when its parent does or
// its cancel function is called; one of WithTimeout or WithDeadline fires by
// itself; a parameter or anything else the model cannot trace may fire. A
// receive on the Done of a context that never fires blocks forever, wherever
// the context was kept (a struct field only ever set to such a context, a
// variable a closure captures, the result of a helper, the parameter of an
// unexported function every caller hands such a context). Every badX has a
// goodX twin that must stay silent.
package ctxorigin

import (
	"context"
	"time"
)

// --- a field only ever set to context.Background() ---

type badWorker struct {
	ctx  context.Context
	jobs chan int
}

func newBadWorker() *badWorker {
	return &badWorker{ctx: context.Background(), jobs: make(chan int)}
}

func (w *badWorker) Wait() {
	<-w.ctx.Done() // want `context never cancelled: receive from w\.ctx\.Done\(\) blocks forever: \(\*badWorker\)\.ctx is only ever set to context\.Background\(\)`
}

type goodWorker struct {
	ctx  context.Context
	jobs chan int
}

func newGoodWorker(ctx context.Context) *goodWorker {
	return &goodWorker{ctx: ctx, jobs: make(chan int)}
}

func (w *goodWorker) Wait() {
	<-w.ctx.Done()
}

// goodDefaulted: the field defaults to TODO but a setter may replace it with
// a context the caller cancels.
type goodDefaulted struct {
	ctx context.Context
}

func newGoodDefaulted() *goodDefaulted { return &goodDefaulted{ctx: context.TODO()} }

func (d *goodDefaulted) WithContext(ctx context.Context) { d.ctx = ctx }

func (d *goodDefaulted) Wait() { <-d.ctx.Done() }

// --- WithCancel whose cancel function is kept in a field nobody calls ---

type badLoop struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newBadLoop() *badLoop {
	l := &badLoop{}
	l.ctx, l.cancel = context.WithCancel(context.Background())
	return l
}

func (l *badLoop) Run() {
	<-l.ctx.Done() // want `context never cancelled: receive from l\.ctx\.Done\(\) blocks forever: \(\*badLoop\)\.ctx is only ever set to context\.WithCancel\(context\.Background\(\)\) whose cancel function \(kept in \(\*badLoop\)\.cancel\) is never called`
}

type goodLoop struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newGoodLoop() *goodLoop {
	l := &goodLoop{}
	l.ctx, l.cancel = context.WithCancel(context.Background())
	return l
}

func (l *goodLoop) Run() { <-l.ctx.Done() }

// Stop cancels: Run returns.
func (l *goodLoop) Stop() { l.cancel() }

// goodTimeout: a deadline ends the wait even if nobody cancels.
type goodTimeout struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newGoodTimeout() *goodTimeout {
	t := &goodTimeout{}
	t.ctx, t.cancel = context.WithTimeout(context.Background(), time.Second)
	return t
}

func (t *goodTimeout) Run() { <-t.ctx.Done() }

// goodParent: the parent is the caller's context, which may be cancelled.
type goodParent struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newGoodParent(parent context.Context) *goodParent {
	p := &goodParent{}
	p.ctx, p.cancel = context.WithCancel(parent)
	return p
}

func (p *goodParent) Run() { <-p.ctx.Done() }

// --- a goroutine waiting on a captured context whose cancel is stored and never called ---

type badPump struct {
	cancel context.CancelFunc
	out    chan int
}

func (p *badPump) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	go func() {
		<-ctx.Done() // want `context never cancelled: receive from ctx\.Done\(\) blocks forever: ctx is context\.WithCancel\(context\.Background\(\)\) whose cancel function \(kept in \(\*badPump\)\.cancel\) is never called`
		close(p.out)
	}()
}

type goodPump struct {
	cancel context.CancelFunc
	out    chan int
}

func (p *goodPump) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	go func() {
		<-ctx.Done()
		close(p.out)
	}()
}

func (p *goodPump) Stop() {
	if p.cancel != nil {
		p.cancel()
	}
}

// --- a helper returning a context nobody can cancel, waited on by its caller ---

func detached() context.Context {
	ctx, _ := context.WithCancel(context.TODO()) //nolint:govet // the shape under test
	return ctx
}

func badDetached() {
	ctx := detached()
	<-ctx.Done() // want `context never cancelled: receive from ctx\.Done\(\) blocks forever: ctx is detached\(\), which returns context\.WithCancel\(context\.TODO\(\)\) whose cancel function is dropped`
}

func bounded() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.TODO(), time.Minute)
}

func goodBounded() {
	ctx, cancel := bounded()
	defer cancel()
	<-ctx.Done()
}

// --- an unexported function every caller hands a context nobody cancels ---

func watch(ctx context.Context, out chan<- int) {
	<-ctx.Done() // want `context never cancelled: receive from ctx\.Done\(\) blocks forever: ctx is every caller's context\.Background\(\)`
	out <- 1
}

func badWatch() <-chan int {
	out := make(chan int, 1)
	go watch(context.Background(), out)
	return out
}

func watchGood(ctx context.Context, out chan<- int) {
	<-ctx.Done()
	out <- 1
}

func goodWatch(ctx context.Context) <-chan int {
	out := make(chan int, 1)
	go watchGood(context.Background(), out)
	go watchGood(ctx, out) // one caller's context may fire: the claim is not for every call
	return out
}

// --- a select with another way out is not a wait on the context alone ---

func goodSelect(w *badWorker) int {
	select {
	case <-w.ctx.Done():
		return 0
	case j := <-w.jobs:
		return j
	}
}

// --- a cancel function called only after the wait on its context ---

type badRows struct {
	cancel context.CancelFunc
}

func (rs *badRows) start(ctx context.Context) {
	ctx, rs.cancel = context.WithCancel(ctx)
	go rs.awaitDone(ctx)
}

func (rs *badRows) awaitDone(ctx context.Context) {
	<-ctx.Done() // want `context never cancelled: receive from ctx\.Done\(\) blocks forever: ctx is every caller's context\.WithCancel\(every caller's context\.Background\(\)\) whose cancel function \(kept in \(\*badRows\)\.cancel\) is called only after this receive returns`
	rs.close()
}

func (rs *badRows) close() { rs.cancel() }

func badQuery() {
	rs := &badRows{}
	rs.start(context.Background())
}

type goodRows struct {
	cancel context.CancelFunc
}

func (rs *goodRows) start(ctx context.Context) {
	ctx, rs.cancel = context.WithCancel(ctx)
	go rs.awaitDone(ctx)
}

func (rs *goodRows) awaitDone(ctx context.Context) {
	<-ctx.Done()
	rs.close()
}

func (rs *goodRows) close() { rs.cancel() }

// Close lets the caller end the wait.
func (rs *goodRows) Close() { rs.close() }

func goodQuery() *goodRows {
	rs := &goodRows{}
	rs.start(context.Background())
	return rs
}

// --- a select case on the Done of a context that never fires is no way out ---

// goodSelectRecv: the receiver cannot leave by ctx.Done(): the sender is
// certain to be received from.
func goodSelectRecv() int {
	ctx := context.Background()
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ctx.Done():
		return 0
	case v := <-ch:
		return v
	}
}

// badSelectRecv: the receiver can leave by the timeout, and the sender
// then blocks forever.
func badSelectRecv() int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ch := make(chan int)
	go func() { ch <- 1 }() // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
	select {
	case <-ctx.Done():
		return 0
	case v := <-ch:
		return v
	}
}
