package leak

import (
	"context"
	"sync"
)

// A buffered channel used as a semaphore: a token is sent to take a slot
// and received to give it back. The goroutine that gives the token back
// has its partner when it is started only after the token was sent: inside
// the select case that sent it, or after a ctx-aware Acquire that returns a
// nil error exactly when its send case ran (a conditional summary: the
// caller goes on only on the nil branch). Started on a path where the send
// may not have happened, the give-back may find no token and block.

// goodSelectSem starts each worker in the select case that took its token;
// the other case returns.
func goodSelectSem(ctx context.Context, xs []int) {
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, x := range xs {
		select {
		case sem <- struct{}{}:
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				sink(compute(x))
			}()
		case <-ctx.Done():
			return
		}
	}
}

// badSelectSem starts the worker after the select, whichever case ran: when
// ctx is done it gives back a token it never took.
func badSelectSem(ctx context.Context, x int) {
	sem := make(chan struct{}, 1)
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
	}
	go func() { // want `goroutine leak: receive from sem blocks forever`
		defer func() { <-sem }()
		sink(compute(x))
	}()
}

// weighted is a ctx-aware semaphore.
type weighted struct{ slots chan struct{} }

func newWeighted(n int) *weighted { return &weighted{slots: make(chan struct{}, n)} }

// acquire takes a slot, or gives up when ctx is done: it returns nil exactly
// when it sent the token.
func (s *weighted) acquire(ctx context.Context) error {
	select {
	case s.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *weighted) release() { <-s.slots }

// goodCtxSem starts a worker only after acquire succeeded; the worker
// releases the slot it holds, and the Wait returns.
func goodCtxSem(ctx context.Context, xs []int) error {
	sem := newWeighted(4)
	var wg sync.WaitGroup
	for _, x := range xs {
		if err := sem.acquire(ctx); err != nil {
			wg.Wait()
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer sem.release()
			sink(compute(x))
		}()
	}
	wg.Wait()
	return nil
}

// goodCtxSemCaptured is goodCtxSem with the error kept by a closure that
// also writes another variable: the error's variable lives in a cell, and
// its test reads the cell, which holds the acquire's result and nothing
// else.
func goodCtxSemCaptured(ctx context.Context, xs []int) error {
	sem := newWeighted(4)
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for _, x := range xs {
		if err := sem.acquire(ctx); err != nil {
			once.Do(func() { first = err })
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer sem.release()
			sink(compute(x))
		}()
	}
	wg.Wait()
	return first
}

// badCtxSemCaptured keeps the error the same way but starts the worker
// whether acquire succeeded or not.
func badCtxSemCaptured(ctx context.Context, x int) error {
	sem := newWeighted(1)
	var (
		once  sync.Once
		first error
	)
	err := sem.acquire(ctx)
	if err != nil {
		once.Do(func() { first = err })
	}
	go func() { // want `goroutine leak: receive from \(\*weighted\)\.slots blocks forever`
		defer sem.release()
		sink(compute(x))
	}()
	return first
}

// badCtxSem ignores acquire's error and starts the worker anyway: once ctx
// is done, a worker releases a slot it never took.
func badCtxSem(ctx context.Context, x int) {
	sem := newWeighted(1)
	_ = sem.acquire(ctx)
	go func() { // want `goroutine leak: receive from \(\*weighted\)\.slots blocks forever`
		defer sem.release()
		sink(compute(x))
	}()
}

// goodGiveBackSem sends a token, then gives it back itself on the path
// where there is no work after all, and starts the worker only on the
// other: every taker of a token (the worker, or the function's own
// receive) is preceded by a send of its own.
func goodGiveBackSem(ctx context.Context, work <-chan int) {
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		select {
		case <-ctx.Done():
			return
		case sem <- struct{}{}:
			x, ok := <-work
			if !ok {
				<-sem
				return
			}
			wg.Add(1)
			go func() {
				defer func() {
					wg.Done()
					<-sem
				}()
				sink(compute(x))
			}()
		}
	}
}

// badGiveBackSem takes the token back after it started the worker that
// owns it: when it does, the worker finds no token to give back.
func badGiveBackSem(ctx context.Context, x int, undo bool) {
	sem := make(chan struct{}, 4)
	select {
	case <-ctx.Done():
		return
	case sem <- struct{}{}:
		go func() { // want `goroutine leak: receive from sem blocks forever`
			defer func() { <-sem }()
			sink(compute(x))
		}()
		if undo {
			<-sem
		}
	}
}

// goodTrySem takes a slot if one is free and runs the work inline
// otherwise: the worker that gives the token back is started in the body
// of the select's one case, which runs only once the send is done.
func goodTrySem(x int) {
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	select {
	case sem <- struct{}{}:
		wg.Add(1)
		go func() {
			defer wg.Done()
			sink(compute(x))
			<-sem
		}()
	default:
		sink(compute(x))
	}
	wg.Wait()
}

// badTrySem starts the worker after the select, on the default's path too,
// where no token was sent: its give-back finds the buffer empty.
func badTrySem(x int) {
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	select {
	case sem <- struct{}{}:
	default:
	}
	wg.Add(1)
	go func() { // want `goroutine leak: receive from sem blocks forever: the sender may return without sending`
		defer wg.Done()
		sink(compute(x))
		<-sem
	}()
	wg.Wait()
}

// A semaphore whose TryAcquire sends in a select with a default and
// reports whether it did: a caller that starts the worker only when it
// returned true has put the token the worker gives back. The twin starts
// the worker whatever it returned.
type trySem chan struct{}

func (s trySem) tryAcquire() bool {
	select {
	case s <- struct{}{}:
		return true
	default:
		return false
	}
}

func (s trySem) release() { <-s }

func goodTryAcquire(xs []int) {
	s := make(trySem, 2)
	var wg sync.WaitGroup
	for _, x := range xs {
		if s.tryAcquire() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer s.release()
				sink(compute(x))
			}()
			continue
		}
		sink(compute(x))
	}
	wg.Wait()
}

func badTryAcquire(x int) {
	s := make(trySem, 1)
	var wg sync.WaitGroup
	s.tryAcquire()
	wg.Add(1)
	go func() { // want `goroutine leak: receive from s blocks forever: the sender may return without sending`
		defer wg.Done()
		defer s.release()
		sink(compute(x))
	}()
	wg.Wait()
}
