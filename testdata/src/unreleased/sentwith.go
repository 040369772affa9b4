package unreleased

import (
	"context"
	"sync"
)

// A read lock taken by the submitter and sent, with the work, to the
// worker that receives it: the worker releases it when the work is done
// (so that a writer waits for all submitted work). The path that sent
// returns holding it by design; the lock goes with the message. The twins:
// a worker that releases nothing, and a path that returns holding the lock
// without having sent.

type submission struct {
	work func()
	done chan bool
}

type executor struct {
	workerLock sync.RWMutex
	incoming   chan submission
	ctx        context.Context
}

func (e *executor) Submit(work func()) chan bool {
	done := make(chan bool)
	e.workerLock.RLock()
	select {
	case e.incoming <- submission{work: work, done: done}:
		return done // the worker's execute releases the read lock
	case <-e.ctx.Done():
		close(done)
		e.workerLock.RUnlock()
	}
	return done
}

// SubmitUnlessBusy returns holding the lock on a path that sent nothing.
func (e *executor) SubmitUnlessBusy(work func(), busy bool) chan bool {
	done := make(chan bool)
	e.workerLock.RLock()
	if busy {
		return done // want `lock not released: \(\*executor\)\.workerLock is still held when this path returns`
	}
	select {
	case e.incoming <- submission{work: work, done: done}:
		return done
	case <-e.ctx.Done():
		close(done)
		e.workerLock.RUnlock()
	}
	return done
}

func (e *executor) execute(work func()) {
	defer e.workerLock.RUnlock()
	work()
}

func (e *executor) worker() {
	for r := range e.incoming {
		e.execute(r.work)
		close(r.done)
	}
}

// lazyExecutor's worker runs the work and releases nothing: the lock the
// submitter sent with it is never released.
type lazyExecutor struct {
	workerLock sync.RWMutex
	incoming   chan submission
	ctx        context.Context
}

func (e *lazyExecutor) Submit(work func()) chan bool {
	done := make(chan bool)
	e.workerLock.RLock()
	select {
	case e.incoming <- submission{work: work, done: done}:
		return done // want `lock not released: \(\*lazyExecutor\)\.workerLock is still held when this path returns`
	case <-e.ctx.Done():
		close(done)
		e.workerLock.RUnlock()
	}
	return done
}

func (e *lazyExecutor) worker() {
	for r := range e.incoming {
		r.work()
		close(r.done)
	}
}

// asyncExecutor's worker runs each submission under a recovery wrapper,
// or in a goroutine of its own: the release is in what the receiver runs.
type asyncExecutor struct {
	workerLock sync.RWMutex
	incoming   chan submission
	ctx        context.Context
	async      bool
}

func (e *asyncExecutor) Submit(work func()) chan bool {
	done := make(chan bool)
	e.workerLock.RLock()
	select {
	case e.incoming <- submission{work: work, done: done}:
		return done
	case <-e.ctx.Done():
		close(done)
		e.workerLock.RUnlock()
	}
	return done
}

func (e *asyncExecutor) execute(work func()) {
	defer e.workerLock.RUnlock()
	work()
}

func recovering(f func()) {
	defer func() { _ = recover() }()
	f()
}

func (e *asyncExecutor) worker() {
	for r := range e.incoming {
		if e.async {
			go recovering(func() {
				e.execute(r.work)
				close(r.done)
			})
			continue
		}
		recovering(func() { e.execute(r.work) })
		close(r.done)
	}
}
