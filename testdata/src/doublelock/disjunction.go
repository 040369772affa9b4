package doublelock

import "sync"

// A callee that locks unless an option says its caller holds the lock,
// tested in a disjunction (`o == nil || !o.locked`, `len(locked) == 0 ||
// !locked[0]`), locks only when one of the ways into its Lock holds: a
// caller that passes an option ruling out each does not lock twice. So is
// a flag field the caller sets (directly or through a helper that sets it
// on every path) with its reset deferred. Each has a twin whose caller
// lets one way in hold.

type rowOpts struct{ locked bool }

type rowStore struct {
	mu   sync.Mutex
	rows map[int]string
}

func (s *rowStore) get(id int, o *rowOpts) string {
	if o == nil || !o.locked {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	return s.rows[id]
}

func (s *rowStore) Get(id int) string { return s.get(id, nil) }

func (s *rowStore) GetPair(a, b int) (string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := &rowOpts{locked: true}
	return s.get(a, o), s.get(b, o)
}

func (s *rowStore) GetPairUnflagged(a int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.get(a, &rowOpts{}) // want `double lock: \(\*rowStore\)\.mu acquired while already held \(through \(\*rowStore\)\.get\)`
}

func (s *rowStore) GetPairNil(a int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.get(a, nil) // want `double lock: \(\*rowStore\)\.mu acquired while already held \(through \(\*rowStore\)\.get\)`
}

func (s *rowStore) lookup(id int, locked ...bool) string {
	if len(locked) > 0 && locked[0] {
		return s.rows[id]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rows[id]
}

func (s *rowStore) Lookup(id int) string { return s.lookup(id) }

func (s *rowStore) LookupBoth(a, b int) (string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lookup(a, true), s.lookup(b, true)
}

func (s *rowStore) LookupBothUnflagged(a int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lookup(a, false) // want `double lock: \(\*rowStore\)\.mu acquired while already held \(through \(\*rowStore\)\.lookup\)`
}

func (s *rowStore) LookupBothBare(a int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lookup(a) // want `double lock: \(\*rowStore\)\.mu acquired while already held \(through \(\*rowStore\)\.lookup\)`
}

type lineBatch struct{ n int }

type lineLog struct {
	mu    sync.Mutex
	batch *lineBatch
	lines []string
}

func (l *lineLog) write(s string) {
	if l.batch == nil {
		l.mu.Lock()
		defer l.mu.Unlock()
	}
	l.lines = append(l.lines, s)
}

func (l *lineLog) Write(s string) { l.write(s) }

func (l *lineLog) beginLocked() { l.batch = &lineBatch{} }
func (l *lineLog) endLocked()   { l.batch = nil }

func (l *lineLog) WriteAll(ss []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.batch = &lineBatch{}
	defer func() { l.batch = nil }()
	for _, s := range ss {
		l.write(s)
	}
}

func (l *lineLog) WriteAllBegun(ss []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.beginLocked()
	defer l.endLocked()
	for _, s := range ss {
		l.write(s)
	}
}

func (l *lineLog) WriteAllEnded(ss []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.endLocked()
	for _, s := range ss {
		l.write(s) // want `double lock: \(\*lineLog\)\.mu acquired while already held \(through \(\*lineLog\)\.write\)`
	}
}

func (l *lineLog) WriteAllReset(ss []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.batch = &lineBatch{}
	l.batch = nil
	for _, s := range ss {
		l.write(s) // want `double lock: \(\*lineLog\)\.mu acquired while already held \(through \(\*lineLog\)\.write\)`
	}
}
