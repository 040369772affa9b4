package mixed

import "sync"

// A constructor that returns its new object or nil (an error path) binds
// the object's fields for its callers as one that always returns it does:
// a field read through the nil result would panic, and names nothing.

type txConn struct{ txMu sync.Mutex }

type txn struct{ c *txConn }

// begin returns with txMu held, and unlocks it itself on its error path.
func (c *txConn) begin(fail bool) (*txn, bool) {
	c.txMu.Lock()
	if fail {
		c.txMu.Unlock()
		return nil, false
	}
	return &txn{c: c}, true
}

func (t *txn) commit() { t.c.txMu.Unlock() }

func (c *txConn) query() {
	c.txMu.Lock()
	defer c.txMu.Unlock()
}

// The transaction commits before the wait: txMu is free by then.
func commitThenWait(c *txConn) {
	tx, ok := c.begin(false)
	if !ok {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.query()
	}()
	tx.commit()
	<-done
}

// The twin waits first, holding txMu the query needs.
func waitThenCommit(c *txConn) {
	tx, ok := c.begin(false)
	if !ok {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.query()
	}()
	<-done // want `communication deadlock: receive from done while holding \(\*txConn\)\.txMu; nothing sends on it, and the goroutine that closes it takes \(\*txConn\)\.txMu first`
	tx.commit()
}
