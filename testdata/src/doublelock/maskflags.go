package doublelock

import "sync"

// A callee that locks unless a bit of its flags argument says the caller
// holds the lock (if flags&flagHeld == 0) is decided by the constant the
// caller passes: flagSync|flagHeld rules the Lock out, flagSync alone
// does not.

type writeFlags uint8

const (
	flagSync writeFlags = 1 << iota
	flagHeld
)

type flagWriter struct {
	mu   sync.Mutex
	recs []string
}

func (w *flagWriter) write(rec string, flags writeFlags) {
	if flags&flagHeld == 0 {
		w.mu.Lock()
		defer w.mu.Unlock()
	}
	w.recs = append(w.recs, rec)
}

// CheckpointGood says it holds the lock.
func (w *flagWriter) CheckpointGood(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write("checkpoint "+id, flagSync|flagHeld)
}

// CheckpointBad forgets the bit.
func (w *flagWriter) CheckpointBad(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write("checkpoint "+id, flagSync) // want `double lock: \(\*flagWriter\).mu acquired while already held \(through \(\*flagWriter\).write\)`
}
