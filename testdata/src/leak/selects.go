package leak

import (
	"context"
	"errors"
	"time"
)

// A select blocks forever only if every one of its cases does: a case on a
// channel nothing sends on is no leak while another case can proceed
// (grpc's bufconn Listener, callback-serializer tests).

// listener's Accept waits for a dial or for Close.
type listener struct {
	ch   chan int
	done chan struct{}
}

func listen() *listener { return &listener{ch: make(chan int), done: make(chan struct{})} }

func (l *listener) accept() (int, error) {
	select {
	case <-l.done:
		return 0, errors.New("closed")
	case c := <-l.ch:
		return c, nil
	}
}

func (l *listener) close() { close(l.done) }

func (l *listener) dial() error {
	select {
	case <-l.done:
		return errors.New("closed")
	case l.ch <- 1:
		return nil
	}
}

// goodAcceptDial: nothing closes done, but dial sends on ch.
func goodAcceptDial() {
	lis := listen()
	errCh := make(chan error, 1)
	go func() {
		_, err := lis.accept()
		errCh <- err
	}()
	if err := lis.dial(); err != nil {
		sink(0)
	}
	<-errCh
}

// goodAcceptClose: nothing sends on ch, but close closes done.
func goodAcceptClose() {
	lis := listen()
	done := make(chan struct{})
	go func() {
		lis.accept()
		close(done)
	}()
	lis.close()
	<-done
}

// badAcceptNeither: nothing dials and nothing closes: both cases block
// (reported for each of the two channels).
func badAcceptNeither() {
	lis := listen()
	go func() { // want `receive from \(\*listener\)\.ch blocks forever: nothing sends on or closes` `receive from \(\*listener\)\.done blocks forever: nothing sends on or closes`
		lis.accept()
	}()
}

// goodCtxCase: nothing this function sees sends on ch (the sends are in
// callbacks stored elsewhere), but the other case is the Done channel of a
// context with a deadline.
func goodCtxCase(schedule func(func())) int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ch := make(chan int, 1)
	go func() {
		schedule(func() { ch <- 1 })
	}()
	res := make(chan int, 1)
	go func() {
		select {
		case <-ctx.Done():
			res <- 0
		case v := <-ch:
			res <- v
		}
	}()
	return <-res
}

// A forwarding stage: its loop selects between the next value (or a stop
// nothing here sends on or closes) and a send to out (or that stop). The
// caller ranges over out until the stage closes it, so the send case
// always has its receiver, however many turns the loop makes: no select
// waits on stop alone. The twin's caller takes one value only: the stage's
// second send waits for a receiver that is gone, and for stop.
type stage struct {
	out  chan int
	stop chan struct{}
}

func newStage(in <-chan int) *stage {
	s := &stage{out: make(chan int), stop: make(chan struct{})}
	go func() {
		defer close(s.out)
		for {
			var v int
			select {
			case x, ok := <-in:
				if !ok {
					return
				}
				v = x
			case <-s.stop:
				return
			}
			select {
			case s.out <- v:
			case <-s.stop:
				return
			}
		}
	}()
	return s
}

func goodStageRanged(vals []int) int {
	in := make(chan int, len(vals))
	for _, v := range vals {
		in <- v
	}
	close(in)
	sum := 0
	for v := range newStage(in).out {
		sum += v
	}
	return sum
}

func badStageFirst(vals []int) int {
	in := make(chan int, len(vals))
	for _, v := range vals {
		in <- v
	}
	close(in)
	s := newStage(in) // want `receive from \(\*stage\)\.stop blocks forever: nothing sends on or closes`
	return <-s.out
}
