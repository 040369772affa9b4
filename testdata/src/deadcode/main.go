// Package main: in a program the whole call graph is in sight, so a
// receive, a Done or a Signal in a function nothing reaches ends no wait.
// Each buggy case has a twin whose partner main does reach.
package main

import "sync"

// rows is pushed to; its only receive is in Close, which nothing calls
// (cockroach#35073's shape).
type rows struct {
	data chan int
}

func (r *rows) push(v int) {
	r.data <- v // want `no receiver: send on \(\*rows\)\.data blocks forever once its buffer is full: nothing that runs receives from \(\*rows\)\.data`
}

func (r *rows) Close() {
	select {
	case <-r.data:
	default:
	}
}

// goodRows is the same, and main does call Close.
type goodRows struct {
	data chan int
}

func (r *goodRows) push(v int) { r.data <- v }

func (r *goodRows) Close() {
	select {
	case <-r.data:
	default:
	}
}

// tasks adds, and its only Done is in finish, which nothing calls.
type tasks struct {
	wg sync.WaitGroup
}

func (t *tasks) start()  { t.wg.Add(1) }
func (t *tasks) finish() { t.wg.Done() }
func (t *tasks) wait() {
	t.wg.Wait() // want `WaitGroup.Wait on \(\*tasks\)\.wg blocks forever once it is added to: nothing that runs calls Done on it`
}

// goodTasks' finish runs.
type goodTasks struct {
	wg sync.WaitGroup
}

func (t *goodTasks) start()  { t.wg.Add(1) }
func (t *goodTasks) finish() { t.wg.Done() }
func (t *goodTasks) wait()   { t.wg.Wait() }

// ready is received from; its only send is in signal, which nothing calls.
type ready struct {
	c chan struct{}
}

func (r *ready) signal() { r.c <- struct{}{} }

func (r *ready) await() {
	<-r.c // want `no sender: receive from \(\*ready\)\.c blocks forever: nothing that runs sends on or closes it`
}

// goodReady's signal runs.
type goodReady struct {
	c chan struct{}
}

func (r *goodReady) signal() { r.c <- struct{}{} }
func (r *goodReady) await()  { <-r.c }

// gate's only Broadcast is in open, which nothing calls; so is the only
// code that makes the loop's condition true (count stays 0), and the Wait
// is never reached: Conds keep their partners in dead code, and nothing
// is reported.
type gate struct {
	mu    sync.Mutex
	count int
	cond  *sync.Cond
}

func newGate() *gate {
	g := &gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *gate) open() {
	g.mu.Lock()
	g.count++
	g.mu.Unlock()
	g.cond.Broadcast()
}

func (g *gate) drain() {
	g.mu.Lock()
	for g.count > 0 {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// stopper's only send is in handleStop, which main reaches through a
// handler table: a package-level map whose initial value the package
// initializer builds. A function named in that value may run.
type stopper struct {
	c chan struct{}
}

type handler func(s *stopper)

var handlersBeforeInit = map[string]handler{"stop": handleStop}

var handlers map[string]handler

func init() { handlers = handlersBeforeInit }

func handleStop(s *stopper) {
	select {
	case s.c <- struct{}{}:
	default:
	}
}

func (s *stopper) serve(cmd string) {
	if h, ok := handlers[cmd]; ok {
		h(s)
	}
}

func main() {
	newGate().drain()

	st := &stopper{c: make(chan struct{})}
	go st.serve("stop")
	<-st.c

	rd := &ready{c: make(chan struct{})}
	rd.await()

	gr := &goodReady{c: make(chan struct{})}
	go gr.signal()
	gr.await()

	r := &rows{data: make(chan int, 1)}
	r.push(1)
	r.push(2)

	g := &goodRows{data: make(chan int, 1)}
	g.push(1)
	g.Close()
	g.push(2)

	t := &tasks{}
	t.start()
	t.wait()

	gt := &goodTasks{}
	gt.start()
	go gt.finish()
	gt.wait()
}
