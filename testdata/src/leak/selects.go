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
