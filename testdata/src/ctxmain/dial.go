package main

import "context"

// A test on a variable that only ever holds nil never passes: the named
// result conn below is never assigned anything but itself, so the Close
// behind `conn != nil` never runs, and nothing else cancels the context
// the connection's goroutine waits on.

type badConn struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (c *badConn) Close() { c.cancel() }

func (c *badConn) serve() {
	<-c.ctx.Done() // want `context never cancelled: receive from c\.ctx\.Done\(\) blocks forever: \(\*badConn\)\.ctx is only ever set to context\.WithCancel\(context\.Background\(\)\) whose cancel function \(kept in \(\*badConn\)\.cancel\) is called only by code the program never runs`
}

func dialBad(ctx context.Context) (conn *badConn) {
	c := &badConn{}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	defer func() {
		select {
		case <-ctx.Done():
			if conn != nil {
				conn.Close()
			}
			conn = nil
		default:
		}
	}()
	go c.serve()
	return conn // the bug: c was meant
}

// The twin returns the connection it made: conn may be non-nil, and the
// Close may run.
type goodConn struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (c *goodConn) Close() { c.cancel() }

func (c *goodConn) serve() { <-c.ctx.Done() }

func dialGood(ctx context.Context) (conn *goodConn) {
	c := &goodConn{}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	defer func() {
		select {
		case <-ctx.Done():
			if conn != nil {
				conn.Close()
			}
			conn = nil
		default:
		}
	}()
	go c.serve()
	return c
}

func init() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dialBad(ctx)
	dialGood(ctx)
}
