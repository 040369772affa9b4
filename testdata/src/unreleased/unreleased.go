// Package unreleased tests the unreleased check: a lock released on some
// return paths of a function but still held on another. The finding is at the
// return that leaves it held (or at the closing brace when the function falls
// off its end). Functions that return with the lock held on every path,
// functions whose result tells the caller whether the lock is held, and paths
// ending in panic, os.Exit, log.Fatal or t.Fatal are not reported. Every badX
// case has a goodX twin of the same shape with the bug fixed, which must stay
// silent.
package unreleased

import (
	"errors"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"
)

var errEmpty = errors.New("empty")

// Queue is the receiver of most cases.
type Queue struct {
	mu     sync.Mutex
	items  []int
	closed bool
}

// badDrain returns early without unlocking when the queue is empty.
func (q *Queue) badDrain() {
	q.mu.Lock()
	if len(q.items) == 0 {
		return // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
	}
	q.items = nil
	q.mu.Unlock()
}

// goodDrain unlocks on the early return too.
func (q *Queue) goodDrain() {
	q.mu.Lock()
	if len(q.items) == 0 {
		q.mu.Unlock()
		return
	}
	q.items = nil
	q.mu.Unlock()
}

// badPop is the check's documented example: the error path keeps q.mu.
func (q *Queue) badPop() (int, error) {
	q.mu.Lock()
	if len(q.items) == 0 {
		return 0, errEmpty // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.mu.Unlock()
	return v, nil
}

// goodPop defers the Unlock.
func (q *Queue) goodPop() (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return 0, errEmpty
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, nil
}

// badFallOffEnd releases q.mu on the early return but not when it reaches
// its closing brace.
func (q *Queue) badFallOffEnd(urgent bool) {
	q.mu.Lock()
	if urgent {
		q.mu.Unlock()
		return
	}
	q.items = append(q.items, 0)
} // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`

// goodFallOffEnd unlocks before the closing brace.
func (q *Queue) goodFallOffEnd(urgent bool) {
	q.mu.Lock()
	if urgent {
		q.mu.Unlock()
		return
	}
	q.items = append(q.items, 0)
	q.mu.Unlock()
}

// badInLoop returns from inside the locked loop body.
func (q *Queue) badInLoop(xs []int) {
	for _, x := range xs {
		q.mu.Lock()
		if x < 0 {
			return // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
		}
		q.items = append(q.items, x)
		q.mu.Unlock()
	}
}

// goodInLoop unlocks before returning from the loop.
func (q *Queue) goodInLoop(xs []int) {
	for _, x := range xs {
		q.mu.Lock()
		if x < 0 {
			q.mu.Unlock()
			return
		}
		q.items = append(q.items, x)
		q.mu.Unlock()
	}
}

// badReturnNotPanic returns where the twin panics.
func (q *Queue) badReturnNotPanic(x int) {
	q.mu.Lock()
	if x < 0 {
		return // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
	}
	q.items = append(q.items, x)
	q.mu.Unlock()
}

// goodPanic: a path ending in panic is not a return.
func (q *Queue) goodPanic(x int) {
	q.mu.Lock()
	if x < 0 {
		panic("negative item")
	}
	q.items = append(q.items, x)
	q.mu.Unlock()
}

// goodLogFatal: log.Fatal does not return.
func (q *Queue) goodLogFatal(x int) {
	q.mu.Lock()
	if x < 0 {
		log.Fatalf("negative item %d", x)
	}
	q.items = append(q.items, x)
	q.mu.Unlock()
}

// goodOsExit: os.Exit does not return.
func (q *Queue) goodOsExit(x int) {
	q.mu.Lock()
	if x < 0 {
		os.Exit(2)
	}
	q.items = append(q.items, x)
	q.mu.Unlock()
}

// goodTestFatal: t.Fatal does not return.
func (q *Queue) goodTestFatal(t *testing.T, x int) {
	q.mu.Lock()
	if x < 0 {
		t.Fatal("negative item")
	}
	q.items = append(q.items, x)
	q.mu.Unlock()
}

// goodReturnsLocked returns with q.mu held on every path: the caller unlocks.
func (q *Queue) goodReturnsLocked() int {
	q.mu.Lock()
	if len(q.items) == 0 {
		return 0
	}
	return q.items[0]
}

// goodTryEnter's result tells whether q.mu is held (true: held).
func (q *Queue) goodTryEnter() bool {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false
	}
	return true
}

// badEnter returns false both with and without q.mu held, so the caller
// cannot tell.
func (q *Queue) badEnter() bool {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false
	}
	if len(q.items) == 0 {
		return false // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
	}
	q.mu.Unlock()
	return true
}

// goodEnter releases q.mu on every false return.
func (q *Queue) goodEnter() bool {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false
	}
	if len(q.items) == 0 {
		q.mu.Unlock()
		return false
	}
	q.mu.Unlock()
	return true
}

// goodEnterErr's error tells whether q.mu is held (nil: held).
func (q *Queue) goodEnterErr() error {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return errors.New("closed")
	}
	return nil
}

// useTryEnter and useEnterErr are the conditional helpers' callers: they
// unlock after a successful call, which is what makes the helpers good.
func (q *Queue) useTryEnter() {
	if q.goodTryEnter() {
		q.mu.Unlock()
	}
}

func (q *Queue) useEnterErr() error {
	if err := q.goodEnterErr(); err != nil {
		return err
	}
	defer q.mu.Unlock()
	return nil
}

// badCleanup has a conditional helper's shape (nil: held) but its only
// caller never unlocks: the nil path simply forgot to.
func (q *Queue) badCleanup() error {
	q.mu.Lock()
	if len(q.items) == 0 {
		return nil // want `lock not released: \(\*Queue\)\.mu is still held when this path returns and no caller unlocks it`
	}
	q.mu.Unlock()
	return errors.New("not empty")
}

func (q *Queue) callsCleanup() { q.badCleanup() }

// badTryLock keeps q.mu after a successful TryLock on the closed path.
func (q *Queue) badTryLock(x int) {
	if !q.mu.TryLock() {
		return
	}
	if q.closed {
		return // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
	}
	q.items = append(q.items, x)
	q.mu.Unlock()
}

// goodTryLock unlocks on the closed path; the first return holds nothing.
func (q *Queue) goodTryLock(x int) {
	if !q.mu.TryLock() {
		return
	}
	if q.closed {
		q.mu.Unlock()
		return
	}
	q.items = append(q.items, x)
	q.mu.Unlock()
}

// Table read-locks its RWMutex.
type Table struct {
	rw    sync.RWMutex
	ready bool
	rows  []string
	err   error
}

// badReadLock returns early with t.rw still read-held.
func (t *Table) badReadLock(i int) string {
	t.rw.RLock()
	if i >= len(t.rows) {
		return "" // want `lock not released: \(\*Table\)\.rw is still held when this path returns`
	}
	r := t.rows[i]
	t.rw.RUnlock()
	return r
}

// goodReadLock defers the RUnlock.
func (t *Table) goodReadLock(i int) string {
	t.rw.RLock()
	defer t.rw.RUnlock()
	if i >= len(t.rows) {
		return ""
	}
	return t.rows[i]
}

// Cache is generic.
type Cache[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

// badGeneric returns the zero value with c.mu still held on a miss.
func (c *Cache[K, V]) badGeneric(k K) V {
	c.mu.Lock()
	v, ok := c.m[k]
	if !ok {
		return v // want `lock not released: \(\*Cache\)\.mu is still held when this path returns`
	}
	c.mu.Unlock()
	return v
}

// goodGeneric unlocks before the miss return.
func (c *Cache[K, V]) goodGeneric(k K) V {
	c.mu.Lock()
	v, ok := c.m[k]
	if !ok {
		c.mu.Unlock()
		return v
	}
	c.mu.Unlock()
	return v
}

// Counter embeds its mutex.
type Counter struct {
	sync.Mutex
	n, max int
}

// badEmbedded returns at the limit with the embedded mutex held.
func (c *Counter) badEmbedded() {
	c.Lock()
	if c.n >= c.max {
		return // want `lock not released: \(\*Counter\)\.Mutex is still held when this path returns`
	}
	c.n++
	c.Unlock()
}

// goodEmbedded defers the Unlock.
func (c *Counter) goodEmbedded() {
	c.Lock()
	defer c.Unlock()
	if c.n >= c.max {
		return
	}
	c.n++
}

// statsMu is a package-level mutex.
var (
	statsMu sync.Mutex
	stats   = map[string]int{}
)

// badPackageVar returns early with statsMu held for an empty key.
func badPackageVar(key string) {
	statsMu.Lock()
	if key == "" {
		return // want `lock not released: statsMu is still held when this path returns`
	}
	stats[key]++
	statsMu.Unlock()
}

// goodPackageVar unlocks before the early return.
func goodPackageVar(key string) {
	statsMu.Lock()
	if key == "" {
		statsMu.Unlock()
		return
	}
	stats[key]++
	statsMu.Unlock()
}

// badLocker returns early with the Locker held.
func badLocker(l sync.Locker, skip bool) {
	l.Lock()
	if skip {
		return // want `lock not released: l is still held when this path returns`
	}
	l.Unlock()
}

// goodLocker unlocks on both paths.
func goodLocker(l sync.Locker, skip bool) {
	l.Lock()
	if skip {
		l.Unlock()
		return
	}
	l.Unlock()
}

// badSwitch forgets the Unlock in one case of a switch.
func (q *Queue) badSwitch(op int) {
	q.mu.Lock()
	switch op {
	case 0:
		q.items = nil
	case 1:
		return // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
	default:
		q.items = append(q.items, op)
	}
	q.mu.Unlock()
}

// goodSwitch breaks out of the switch instead of returning.
func (q *Queue) goodSwitch(op int) {
	q.mu.Lock()
	switch op {
	case 0:
		q.items = nil
	case 1:
		break
	default:
		q.items = append(q.items, op)
	}
	q.mu.Unlock()
}

// goodUpgradeRLocked is called with q.rw read-held; it trades the read lock
// for the write lock and restores the read lock on the way out (as
// crypto/tls's initLegacySessionTicketKeyRLocked does). Every return leaves
// the caller's read lock as it was.
func (t *Table) goodUpgradeRLocked() {
	if t.ready {
		return
	}
	t.rw.RUnlock()
	defer t.rw.RLock()
	t.rw.Lock()
	defer t.rw.Unlock()
	t.ready = true
}

var errClosed = errors.New("closed")

// badLoopReturn read-locks on each iteration and unlocks at its end, but the
// error path returns from inside the loop with the lock held (etcd#5509's
// shape): no return releases it, yet the function clearly means to.
func (t *Table) badLoopReturn() error {
	for {
		t.rw.RLock()
		if t.ready {
			return errClosed // want `lock not released: \(\*Table\)\.rw is still held when this path returns an error`
		}
		t.rw.RUnlock()
	}
}

// goodDrainLocked returns with t.rw held on every path by design, and
// unlocks only to let others in between rounds: the error it returns is
// state, not a forgotten unlock.
func (t *Table) goodDrainLocked() error {
	t.rw.Lock()
	for !t.ready {
		t.rw.Unlock()
		t.rw.Lock()
	}
	return t.err
}

// grab read-locks and hands back the function that unlocks
// (database/sql's grabConn): callers release by calling it.
func (t *Table) grab() (func(), error) {
	if t.ready {
		return nil, errClosed
	}
	t.rw.RLock()
	return t.rw.RUnlock, nil
}

// counted is reached through an unsafe.Pointer swapped atomically.
type counted struct {
	mu sync.RWMutex
	f  func()
}

type updater struct{ ptr unsafe.Pointer }

// goodUnsafeSwap locks and unlocks the old value, converted from the
// unsafe.Pointer once for each call: the same object both times.
func (s *updater) goodUnsafeSwap(f func()) {
	old := atomic.SwapPointer(&s.ptr, unsafe.Pointer(&counted{f: f}))
	if old == nil {
		return
	}
	(*counted)(old).mu.Lock()
	(*counted)(old).mu.Unlock()
}

// badUnsafeSwap forgets the unlock on one path.
func (s *updater) badUnsafeSwap(f func()) {
	old := atomic.SwapPointer(&s.ptr, unsafe.Pointer(&counted{f: f}))
	if old == nil {
		return
	}
	(*counted)(old).mu.Lock()
	if f == nil {
		return // want `lock not released: \(\*counted\)\.mu is still held when this path returns`
	}
	(*counted)(old).mu.Unlock()
}

// die never returns (it wraps log.Fatal): its callers' paths end there.
func die(msg string) { log.Fatal(msg) }

// serveForever never returns either: it loops on every path.
func serveForever(q *Queue) {
	for {
		q.items = q.items[:0]
	}
}

// goodDieWrapper's early return is dead code after die.
func (q *Queue) goodDieWrapper() int {
	q.mu.Lock()
	if len(q.items) == 0 {
		die("empty")
		return 0
	}
	n := q.items[0]
	q.mu.Unlock()
	return n
}

// goodLoopForever's early return is dead code after serveForever.
func (q *Queue) goodLoopForever() int {
	q.mu.Lock()
	if q.closed {
		serveForever(q)
		return 0
	}
	q.mu.Unlock()
	return 1
}

// badMaybeDie's helper returns when msg is empty: the lock stays held.
func maybeDie(msg string) {
	if msg != "" {
		log.Fatal(msg)
	}
}

func (q *Queue) badMaybeDie(msg string) int {
	q.mu.Lock()
	if len(q.items) == 0 {
		maybeDie(msg)
		return 0 // want `lock not released: \(\*Queue\)\.mu is still held when this path returns`
	}
	q.mu.Unlock()
	return 1
}
