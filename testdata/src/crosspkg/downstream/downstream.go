// Package downstream is where the cross-package chains close: the lock is
// taken by a "returns locked" helper in crosspkg/upstream or crosspkg/middle
// and taken again (or in the opposite order) through calls into those
// packages, so only exported facts can connect the two ends. The findings are
// reported here, and only here. Every badX case has a goodX twin of the same
// shape with the bug fixed, which must stay silent.
package downstream

import (
	"crosspkg/middle"
	"crosspkg/upstream"
)

// badSendTwice holds c's mutex (Acquire) and calls Send, which locks it.
func badSendTwice(c *upstream.Conn) {
	c.Acquire()
	defer c.Release()
	c.Send() // want `double lock: \(\*upstream\.Conn\)\.mu acquired while already held`
}

// goodSendTwice calls the variant that expects the mutex held.
func goodSendTwice(c *upstream.Conn) {
	c.Acquire()
	defer c.Release()
	c.SendLocked()
}

// badFlush holds c's mutex and calls middle.Flush, which calls c.Send.
func badFlush(c *upstream.Conn) {
	c.Acquire()
	defer c.Release()
	middle.Flush(c) // want `double lock: \(\*upstream\.Conn\)\.mu acquired while already held`
}

// goodFlush calls middle.FlushLocked, which does not lock.
func goodFlush(c *upstream.Conn) {
	c.Acquire()
	defer c.Release()
	middle.FlushLocked(c)
}

// badRegister holds upstream's registry lock and calls middle.RegisterAll,
// which calls upstream.Register, which locks it again.
func badRegister(names []string) {
	upstream.LockRegistry()
	defer upstream.UnlockRegistry()
	middle.RegisterAll(names) // want `double lock: upstream\.registryMu acquired while already held`
}

// goodRegister releases the registry lock before registering.
func goodRegister(names []string) {
	upstream.LockRegistry()
	upstream.UnlockRegistry()
	middle.RegisterAll(names)
}

// badDescribe read-holds t (View) and calls middle.Describe, which
// read-locks t again through upstream's Get.
func badDescribe(t *upstream.Table) string {
	t.View()
	defer t.EndView()
	return middle.Describe(t) // want `recursive read lock: \(\*upstream\.Table\)\.rw read-locked while already read-held`
}

// goodDescribe describes t before read-holding it.
func goodDescribe(t *upstream.Table) string {
	d := middle.Describe(t)
	t.View()
	defer t.EndView()
	return d
}

// badSetInView write-locks t (Set) while read-holding it (View).
func badSetInView(t *upstream.Table) {
	t.View()
	defer t.EndView()
	t.Set("k", "v") // want `read-to-write upgrade: \(\*upstream\.Table\)\.rw write-locked while read-held`
}

// goodSetInView ends the view before setting.
func goodSetInView(t *upstream.Table) {
	t.View()
	t.EndView()
	t.Set("k", "v")
}

// badRefresh closes the cycle Pool.mu -> Stats.mu (upstream) -> Router.mu
// (middle) -> Pool.mu (here).
func badRefresh(r *middle.Router, p *upstream.Pool) int {
	r.Lock()
	defer r.Unlock()
	return p.Size() // want `lock-order cycle: \(\*upstream\.Pool\)\.mu acquired while holding \(\*middle\.Router\)\.mu`
}

// goodRefresh reads the pool size before taking the router lock.
func goodRefresh(r *middle.Router, p *upstream.Pool) int {
	n := p.Size()
	r.Lock()
	defer r.Unlock()
	return n
}

// badAudit closes the cycle Bank.mu -> Ledger.mu (upstream) -> Bank.mu (here).
func badAudit(b *upstream.Bank, l *upstream.Ledger) int {
	l.Hold()
	defer l.Done()
	return b.Balance() // want `lock-order cycle: \(\*upstream\.Bank\)\.mu acquired while holding \(\*upstream\.Ledger\)\.mu`
}

// goodAudit reads the balance before holding the ledger.
func goodAudit(b *upstream.Bank, l *upstream.Ledger) int {
	n := b.Balance()
	l.Hold()
	defer l.Done()
	return n
}

// badTouch closes the cycle Session.mu -> Conn.mu (middle) -> Session.mu (here).
func badTouch(c *upstream.Conn, s *middle.Session) {
	c.Acquire()
	defer c.Release()
	s.Touch() // want `lock-order cycle: \(\*middle\.Session\)\.mu acquired while holding \(\*upstream\.Conn\)\.mu`
}

// goodTouch releases the conn before touching the session.
func goodTouch(c *upstream.Conn, s *middle.Session) {
	c.Acquire()
	c.SendLocked()
	c.Release()
	s.Touch()
}

// badUse leaves c's mutex (taken by upstream's Acquire) held on one return.
func badUse(c *upstream.Conn, n int) {
	c.Acquire()
	if n < 0 {
		return // want `lock not released: \(\*upstream\.Conn\)\.mu is still held when this path returns`
	}
	c.SendLocked()
	c.Release()
}

// goodUse releases c's mutex on both paths.
func goodUse(c *upstream.Conn, n int) {
	c.Acquire()
	if n < 0 {
		c.Release()
		return
	}
	c.SendLocked()
	c.Release()
}

// ResetIndex holds the index's lock across Flush, which takes it again
// after fourteen other locks.
func ResetIndex(t *upstream.Index) {
	t.Lock()
	defer t.Unlock()
	t.Flush() // want `double lock: \(\*upstream\.Index\)\.mu acquired while already held`
}

// ResetShards holds it across FlushShards only: silent.
func ResetShards(t *upstream.Index) {
	t.Lock()
	defer t.Unlock()
	t.FlushShards()
}
