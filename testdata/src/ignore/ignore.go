// Package ignore tests //awaitvet:ignore directives. A well-formed directive
// (check name and reason) on the finding's line, the line above, or in the
// enclosing function's doc comment suppresses the finding: those goodX cases
// have no want. A directive with no reason or an unknown check name is
// reported as malformed and suppresses nothing: those badX cases expect both
// the malformed directive and the finding. A directive's own line cannot
// carry an expectation comment, so the want for it is written on the line
// above with +1 (+2 in doc comments, where gofmt puts an empty comment line
// before a directive).
package ignore

import "sync"

// Box is the receiver of the doublelock cases: flush locks b.mu.
type Box struct {
	mu sync.Mutex
	n  int
}

func (b *Box) flush() {
	b.mu.Lock()
	b.n = 0
	b.mu.Unlock()
}

// goodSameLine: a directive on the finding's line suppresses it.
func (b *Box) goodSameLine() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flush() //awaitvet:ignore doublelock flush is replaced by a no-op in this build
}

// badSameLineNoReason: the same directive without a reason.
func (b *Box) badSameLineNoReason() {
	b.mu.Lock()
	defer b.mu.Unlock()
	// want +1 `malformed //awaitvet:ignore directive: ` `double lock: \(\*Box\)\.mu acquired while already held`
	b.flush() //awaitvet:ignore doublelock
}

// goodLineAbove: a directive on the line above the finding suppresses it.
func (b *Box) goodLineAbove() {
	b.mu.Lock()
	defer b.mu.Unlock()
	//awaitvet:ignore doublelock flush is replaced by a no-op in this build
	b.flush()
}

// badLineAboveUnknownCheck: the directive names a check that does not exist.
func (b *Box) badLineAboveUnknownCheck() {
	b.mu.Lock()
	defer b.mu.Unlock()
	// want +1 `malformed //awaitvet:ignore directive: `
	//awaitvet:ignore deadlock flush is replaced by a no-op in this build
	b.flush() // want `double lock: \(\*Box\)\.mu acquired while already held`
}

// goodNamed: the directive names the check.
func (b *Box) goodNamed() {
	b.mu.Lock()
	defer b.mu.Unlock()
	//awaitvet:ignore doublelock flush is replaced by a no-op in this build
	b.flush()
}

// badNoName: the directive has neither check name nor reason.
func (b *Box) badNoName() {
	b.mu.Lock()
	defer b.mu.Unlock()
	// want +1 `malformed //awaitvet:ignore directive: `
	//awaitvet:ignore
	b.flush() // want `double lock: \(\*Box\)\.mu acquired while already held`
}

// goodDocComment: a directive in the doc comment covers the whole body.
//
//awaitvet:ignore doublelock flush is replaced by a no-op in this build
func (b *Box) goodDocComment() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flush()
}

// badDocCommentNoReason: the doc-comment directive has no reason.
//
// want +2 `malformed //awaitvet:ignore directive: `
//
//awaitvet:ignore doublelock
func (b *Box) badDocCommentNoReason() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flush() // want `double lock: \(\*Box\)\.mu acquired while already held`
}

// goodRightCheck: the directive names the check that is reported.
func (b *Box) goodRightCheck() {
	b.mu.Lock()
	defer b.mu.Unlock()
	//awaitvet:ignore doublelock flush is replaced by a no-op in this build
	b.flush()
}

// badWrongCheck: a well-formed directive for another check does not
// suppress this one (and is not malformed).
func (b *Box) badWrongCheck() {
	b.mu.Lock()
	defer b.mu.Unlock()
	//awaitvet:ignore unreleased flush is replaced by a no-op in this build
	b.flush() // want `double lock: \(\*Box\)\.mu acquired while already held`
}

// goodAdjacent: the directive is directly above the finding.
func (b *Box) goodAdjacent() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	//awaitvet:ignore doublelock flush is replaced by a no-op in this build
	b.flush()
}

// badTooFar: a directive two lines above covers only the line below it.
func (b *Box) badTooFar() {
	b.mu.Lock()
	defer b.mu.Unlock()
	//awaitvet:ignore doublelock flush is replaced by a no-op in this build
	b.n++
	b.flush() // want `double lock: \(\*Box\)\.mu acquired while already held`
}

// goodUnreleased suppresses an unreleased finding at its return.
func (b *Box) goodUnreleased(x int) {
	b.mu.Lock()
	if x < 0 {
		return //awaitvet:ignore unreleased the caller unlocks after logging the error
	}
	b.mu.Unlock()
}

// badUnreleasedNoReason: the same directive without a reason.
func (b *Box) badUnreleasedNoReason(x int) {
	b.mu.Lock()
	if x < 0 {
		// want +1 `malformed //awaitvet:ignore directive: ` `lock not released: \(\*Box\)\.mu is still held when this path returns`
		return //awaitvet:ignore unreleased
	}
	b.mu.Unlock()
}

// Shelf read-locks its RWMutex; get read-locks it again.
type Shelf struct {
	rw    sync.RWMutex
	books map[string]int
}

// fill is Shelf's writer; it runs only while the shelf is being built.
func (s *Shelf) fill(books map[string]int) {
	s.rw.Lock()
	s.books = books
	s.rw.Unlock()
}

func (s *Shelf) get(k string) int {
	s.rw.RLock()
	defer s.rw.RUnlock()
	return s.books[k]
}

// goodRecursive suppresses a recursive read lock on the line above.
func (s *Shelf) goodRecursive(k string) int {
	s.rw.RLock()
	defer s.rw.RUnlock()
	//awaitvet:ignore recursiverlock the writer runs only at construction
	return s.get(k)
}

// badRecursiveMisspelled: the check name is misspelled.
func (s *Shelf) badRecursiveMisspelled(k string) int {
	s.rw.RLock()
	defer s.rw.RUnlock()
	// want +1 `malformed //awaitvet:ignore directive: `
	//awaitvet:ignore recursiverlocks the writer runs only at construction
	return s.get(k) // want `recursive read lock: \(\*Shelf\)\.rw read-locked while already read-held`
}

// Lock-order pairs: the cycle is reported in the later function of each pair.

type Up struct {
	mu   sync.Mutex
	down *Down
}

type Down struct {
	mu sync.Mutex
	up *Up
}

func (u *Up) Sync() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.down.mu.Lock()
	u.down.mu.Unlock()
}

// goodLockOrder suppresses the cycle where it is reported.
func (d *Down) goodLockOrder() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.up.mu.Lock() //awaitvet:ignore lockorder Up.Sync only runs before any Down exists
	d.up.mu.Unlock()
}

type East struct {
	mu   sync.Mutex
	west *West
}

type West struct {
	mu   sync.Mutex
	east *East
}

func (e *East) Sync() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.west.mu.Lock()
	e.west.mu.Unlock()
}

// badLockOrderUnknownCheck names a check that does not exist.
func (w *West) badLockOrderUnknownCheck() {
	w.mu.Lock()
	defer w.mu.Unlock()
	// want +1 `malformed //awaitvet:ignore directive: ` `lock-order cycle: \(\*East\)\.mu acquired while holding \(\*West\)\.mu`
	w.east.mu.Lock() //awaitvet:ignore lock-order East.Sync only runs before any West exists
	w.east.mu.Unlock()
}

// Conf's load calls Get again: an oncereentry finding at c.once.Do.
type Conf struct {
	once sync.Once
	v    int
}

// Get is documented as safe.
//
//awaitvet:ignore oncereentry load only calls Get after the first Do has returned
func (c *Conf) Get() int {
	c.once.Do(c.load)
	return c.v
}

func (c *Conf) load() { c.v = c.Get() + 1 }

type BadConf struct {
	once sync.Once
	v    int
}

// Get has a doc-comment directive with an unknown check name.
//
// want +2 `malformed //awaitvet:ignore directive: `
//
//awaitvet:ignore once load only calls Get after the first Do has returned
func (c *BadConf) Get() int {
	c.once.Do(c.load) // want `sync\.Once re-entered: \(\*BadConf\)\.once\.Do reached again from inside its own function`
	return c.v
}

func (c *BadConf) load() { c.v = c.Get() + 1 }
