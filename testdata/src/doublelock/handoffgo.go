package doublelock

import "sync"

// A lock left held for another goroutine to release: a transaction that
// Begin returns holding the database's lock, sent to a committer that
// commits it; a mutex used as a readiness signal, locked by a constructor
// and unlocked by the goroutine a later method starts. The next Lock
// waits for that release. Twins: a sent value that reaches no held lock,
// a server nothing starts.

type txDB struct{ mu sync.Mutex }

type tx struct{ db *txDB }

// begin returns with db.mu held; commit releases it.
func (db *txDB) begin() *tx { db.mu.Lock(); return &tx{db: db} }
func (t *tx) commit()       { t.db.mu.Unlock() }

type note struct{ text string }

var (
	commits = make(chan *tx)
	notes   = make(chan *note)
)

func committer() {
	for t := range commits {
		t.commit()
	}
}

func writeAsync(db *txDB) {
	t := db.begin()
	commits <- t // the committer owns t, and db.mu, now
}

func writeTwice(db *txDB) {
	writeAsync(db)
	writeAsync(db) // begin waits for the committer's release
}

func writeNoted(db *txDB) {
	db.begin()
	notes <- &note{text: "began"} // reaches no lock
}

func writeNotedTwice(db *txDB) {
	writeNoted(db)
	writeNoted(db) // want `double lock: \(\*txDB\)\.mu acquired while already held \(through \(\*txDB\)\.begin, which locks it on every path\)`
}

type signalServer struct {
	ready sync.Mutex
	addr  string
}

func newSignalServer() *signalServer {
	s := &signalServer{}
	s.ready.Lock() // released by the goroutine serve starts
	return s
}

func (s *signalServer) serve() {
	go func() {
		s.addr = ":80"
		s.ready.Unlock()
	}()
}

func (s *signalServer) address() string {
	s.ready.Lock()
	defer s.ready.Unlock()
	return s.addr
}

func startSignalServer() string {
	s := newSignalServer()
	s.serve()
	return s.address()
}

func startNoServer() string {
	s := newSignalServer()
	return s.address() // want `double lock: \(\*signalServer\)\.ready acquired while already held \(through \(\*signalServer\)\.address, which locks it on every path\)`
}
