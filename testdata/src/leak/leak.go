// Package leak tests the leak check: a goroutine blocks forever on a send or
// receive because the only partner of that operation can leave first (an
// early return, a timeout, a cancelled context, a first-response-wins
// receive, a reply sent on some paths only). The finding is at the go
// statement that starts the goroutine that blocks (inside the loop for a
// goroutine started in a loop). Every badX case has a goodX twin of the same
// shape with the bug fixed, which must stay silent.
package leak

import (
	"context"
	"errors"
	"time"
)

var (
	errNegative = errors.New("negative")
	errTimeout  = errors.New("timeout")
)

// compute stands for slow work done in a goroutine.
func compute(x int) int { return x * x }

// sink consumes a value.
func sink(int) {}

// badEarlyReturn returns on a validation error before receiving the result.
func badEarlyReturn(x int) (int, error) {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever`
		ch <- compute(x)
	}()
	if x < 0 {
		return 0, errNegative
	}
	return <-ch, nil
}

// goodEarlyReturn buffers the channel, so the send completes without a receiver.
func goodEarlyReturn(x int) (int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- compute(x)
	}()
	if x < 0 {
		return 0, errNegative
	}
	return <-ch, nil
}

// badEarlyReturnValidate validates after starting the worker and leaves on failure.
func badEarlyReturnValidate(x int) (int, error) {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever`
		ch <- compute(x)
	}()
	if x > 100 {
		return 0, errNegative
	}
	v := <-ch
	return v, nil
}

// goodEarlyReturnValidate receives on the failure path too.
func goodEarlyReturnValidate(x int) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- compute(x)
	}()
	if x > 100 {
		<-ch
		return 0, errNegative
	}
	v := <-ch
	return v, nil
}

// badTimeout gives up after a timeout and abandons the sender.
func badTimeout(x int) (int, error) {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever`
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return 0, errTimeout
	}
}

// goodTimeout buffers the channel so the late send still completes.
func goodTimeout(x int) (int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return 0, errTimeout
	}
}

// badCtxGiveUp stops waiting when ctx is cancelled and abandons the sender.
func badCtxGiveUp(ctx context.Context, x int) (int, error) {
	done := make(chan int)
	go func() { // want `goroutine leak: send on done blocks forever`
		done <- compute(x)
	}()
	select {
	case v := <-done:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// goodCtxGiveUp buffers the channel so the sender never waits.
func goodCtxGiveUp(ctx context.Context, x int) (int, error) {
	done := make(chan int, 1)
	go func() {
		done <- compute(x)
	}()
	select {
	case v := <-done:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// badFirstResponse starts one sender per item but receives only the first result.
func badFirstResponse(items []int) int {
	results := make(chan int)
	for _, it := range items {
		go func() { // want `goroutine leak: send on results blocks forever`
			results <- compute(it)
		}()
	}
	return <-results
}

// goodFirstResponse buffers results to len(items), so the losers do not block.
func goodFirstResponse(items []int) int {
	results := make(chan int, len(items))
	for _, it := range items {
		go func() {
			results <- compute(it)
		}()
	}
	return <-results
}

// badFirstOfThree races three replicas and keeps the fastest answer.
func badFirstOfThree(x int) int {
	results := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { // want `goroutine leak: send on results blocks forever`
			results <- compute(x + i)
		}()
	}
	return <-results
}

// goodFirstOfThree buffers results to the loop count.
func goodFirstOfThree(x int) int {
	results := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() {
			results <- compute(x + i)
		}()
	}
	return <-results
}

// fetchTwice sends an error marker and then falls through to send again.
func fetchTwice(x int, ch chan<- int) {
	if x < 0 {
		ch <- -1
	}
	ch <- compute(x)
}

// fetchOnce returns after the error marker.
func fetchOnce(x int, ch chan<- int) {
	if x < 0 {
		ch <- -1
		return
	}
	ch <- compute(x)
}

// badCalleeSendsTwice receives once from a callee that sends twice on its error path.
func badCalleeSendsTwice(x int) int {
	ch := make(chan int)
	go fetchTwice(x, ch) // want `goroutine leak: send on ch blocks forever`
	return <-ch
}

// goodCalleeSendsTwice uses the callee that sends exactly once.
func goodCalleeSendsTwice(x int) int {
	ch := make(chan int)
	go fetchOnce(x, ch)
	return <-ch
}

// badReplySomePaths starts a receiver but sends it a value on one path only.
func badReplySomePaths(x int) {
	reply := make(chan int)
	go func() { // want `goroutine leak: receive from reply blocks forever`
		sink(<-reply)
	}()
	if x > 0 {
		reply <- x
	}
}

// goodReplySomePaths sends on every path.
func goodReplySomePaths(x int) {
	reply := make(chan int)
	go func() {
		sink(<-reply)
	}()
	if x > 0 {
		reply <- x
	} else {
		reply <- 0
	}
}

// badStartSignal returns on error before releasing the goroutine waiting on start.
func badStartSignal(x int) error {
	start := make(chan struct{})
	go func() { // want `goroutine leak: receive from start blocks forever`
		<-start
		sink(compute(x))
	}()
	if x < 0 {
		return errNegative
	}
	close(start)
	return nil
}

// goodStartSignal closes start on every path with defer.
func goodStartSignal(x int) error {
	start := make(chan struct{})
	defer close(start)
	go func() {
		<-start
		sink(compute(x))
	}()
	if x < 0 {
		return errNegative
	}
	return nil
}

// handle answers one request on reply.
func handle(x int, reply chan<- int) { reply <- compute(x) }

// badRequestReply returns on ctx.Done() before reading the handler's reply.
func badRequestReply(ctx context.Context, x int) (int, error) {
	reply := make(chan int)
	go handle(x, reply) // want `goroutine leak: send on reply blocks forever`
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case v := <-reply:
		return v, nil
	}
}

// goodRequestReply buffers the reply channel.
func goodRequestReply(ctx context.Context, x int) (int, error) {
	reply := make(chan int, 1)
	go handle(x, reply)
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case v := <-reply:
		return v, nil
	}
}

// request carries its own reply channel.
type request struct {
	x     int
	reply chan int
}

// serve answers req on its reply field.
func serve(req request) { req.reply <- compute(req.x) }

// badRequestField abandons a reply channel carried in a struct field.
func badRequestField(ctx context.Context, x int) (int, error) {
	req := request{x: x, reply: make(chan int)}
	go serve(req) // want `goroutine leak: send on \(\*request\)\.reply blocks forever`
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case v := <-req.reply:
		return v, nil
	}
}

// goodRequestField makes the reply field buffered.
func goodRequestField(ctx context.Context, x int) (int, error) {
	req := request{x: x, reply: make(chan int, 1)}
	go serve(req)
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case v := <-req.reply:
		return v, nil
	}
}

// source produces values through a method.
type source struct{ base int }

// produce sends one value on ch.
func (s *source) produce(ch chan<- int) { ch <- s.base }

// badMethodValue starts a method as the goroutine and may skip the receive.
func badMethodValue(s *source, ok bool) int {
	ch := make(chan int)
	go s.produce(ch) // want `goroutine leak: send on ch blocks forever`
	if !ok {
		return 0
	}
	return <-ch
}

// goodMethodValue buffers ch.
func goodMethodValue(s *source, ok bool) int {
	ch := make(chan int, 1)
	go s.produce(ch)
	if !ok {
		return 0
	}
	return <-ch
}

// produceGeneric sends v on ch.
func produceGeneric[T any](ch chan T, v T) { ch <- v }

// badGeneric starts a generic producer and may skip the receive.
func badGeneric(name string, ok bool) string {
	ch := make(chan string)
	go produceGeneric(ch, name) // want `goroutine leak: send on ch blocks forever`
	if !ok {
		return ""
	}
	return <-ch
}

// goodGeneric buffers ch.
func goodGeneric(name string, ok bool) string {
	ch := make(chan string, 1)
	go produceGeneric(ch, name)
	if !ok {
		return ""
	}
	return <-ch
}

// badClosureVar starts a stored closure that captures results and sends on it.
func badClosureVar(x int) (int, error) {
	results := make(chan int)
	work := func() { results <- compute(x) }
	go work() // want `goroutine leak: send on results blocks forever`
	if x < 0 {
		return 0, errNegative
	}
	return <-results, nil
}

// goodClosureVar buffers results.
func goodClosureVar(x int) (int, error) {
	results := make(chan int, 1)
	work := func() { results <- compute(x) }
	go work()
	if x < 0 {
		return 0, errNegative
	}
	return <-results, nil
}
