package doublelock

import "sync"

// A flush that has nothing to do for an empty batch returns before its
// Lock; a caller that has just emptied the field it passes, under the
// lock, passes an empty batch.

type batchLog struct {
	mu      sync.Mutex
	pending [][]byte
	log     [][]byte
}

func (w *batchLog) flush(batch [][]byte) {
	if len(batch) == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.log = append(w.log, batch...)
}

func (w *batchLog) Discard() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pending = nil
	w.flush(w.pending) // len(nil) == 0: flush returns before locking
}

// The twin adds to the batch before it flushes under the lock: the batch
// is not empty, and flush locks again.

func (w *batchLog) AppendAndFlush(rec []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pending = append(w.pending, rec)
	w.flush(w.pending) // want `double lock: \(\*batchLog\).mu acquired while already held \(through \(\*batchLog\).flush\)`
}

// Nor is a value read before the field was emptied the empty one.

func (w *batchLog) SwapAndFlush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	old := w.pending
	w.pending = nil
	w.flush(old) // want `double lock: \(\*batchLog\).mu acquired while already held \(through \(\*batchLog\).flush\)`
}

// A drain that tests the field itself, and empties it only after the test:
// the test still reads what its caller left there, and a caller that has
// cut the field to nothing (`q.items[:0]`) under the lock passes the test
// that returns.

type drainQueue struct {
	mu    sync.Mutex
	outMu sync.Mutex
	items []int
	out   int
}

func (q *drainQueue) drain() {
	if len(q.items) == 0 {
		return
	}
	n := len(q.items)
	q.items = nil
	q.outMu.Lock()
	q.out += n
	q.outMu.Unlock()
}

func (q *drainQueue) Reset() {
	q.outMu.Lock()
	defer q.outMu.Unlock()
	q.items = q.items[:0]
	q.drain() // nothing left: drain returns before locking
	q.out = 0
}

// The twin keeps the items it means to drop: drain locks outMu again.

func (q *drainQueue) ResetKeep() {
	q.outMu.Lock()
	defer q.outMu.Unlock()
	q.items = q.items[:len(q.items)]
	q.drain() // want `double lock: \(\*drainQueue\).outMu acquired while already held \(through \(\*drainQueue\).drain\)`
	q.out = 0
}
