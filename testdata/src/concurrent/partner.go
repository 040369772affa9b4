package concurrent

import "sync"

// The partner must take the held lock at a point from which its own half of
// the channel operation can follow (partnerlocks.go). Each silent case has
// a twin that is reported.

type Ledger struct {
	mu   sync.RWMutex
	rows int
}

// readWhileReading holds a read lock across the receive; the sender takes
// a read lock too, which the held one does not keep out.
func (t *Ledger) readWhileReading() int {
	ch := make(chan int)
	go func() {
		t.mu.RLock()
		n := t.rows
		t.mu.RUnlock()
		ch <- n
	}()
	t.mu.RLock()
	defer t.mu.RUnlock()
	return <-ch
}

// writeWhileReading: the sender takes the write lock, which waits for the
// read lock the receiver holds.
func (t *Ledger) writeWhileReading() int {
	ch := make(chan int)
	go func() {
		t.mu.Lock()
		t.rows++
		n := t.rows
		t.mu.Unlock()
		ch <- n
	}()
	t.mu.RLock()
	defer t.mu.RUnlock()
	return <-ch // want `communication deadlock: receive from ch while holding \(\*Ledger\)\.mu; the sender takes \(\*Ledger\)\.mu first; \(\*Ledger\)\.writeWhileReading runs both at once`
}

// lockedAfterSending: the sender takes the lock only after its send, on
// one branch.
func (t *Ledger) lockedAfterSending(count bool) int {
	ch := make(chan int)
	go func() {
		if count {
			ch <- 0
			t.mu.Lock()
			t.rows++
			t.mu.Unlock()
			return
		}
		ch <- 1
	}()
	t.mu.Lock()
	defer t.mu.Unlock()
	return <-ch
}

// lockedBeforeSending: the sender's lock is on the way to its send.
func (t *Ledger) lockedBeforeSending(count bool) int {
	ch := make(chan int)
	go func() {
		if count {
			t.mu.Lock()
			t.rows++
			t.mu.Unlock()
		}
		ch <- 1
	}()
	t.mu.Lock()
	defer t.mu.Unlock()
	return <-ch // want `communication deadlock: receive from ch while holding \(\*Ledger\)\.mu; the sender takes \(\*Ledger\)\.mu first; \(\*Ledger\)\.lockedBeforeSending runs both at once`
}

// twoLedgers: the sender locks another ledger's mutex, which is this one's
// only if the caller passes one ledger twice.
func twoLedgers(a, b *Ledger) int {
	ch := make(chan int)
	go func() {
		b.mu.Lock()
		n := b.rows
		b.mu.Unlock()
		ch <- n
	}()
	a.mu.Lock()
	defer a.mu.Unlock()
	return <-ch
}

// oneLedger: the sender locks the same ledger's mutex.
func oneLedger(a *Ledger) int {
	ch := make(chan int)
	go func() {
		a.mu.Lock()
		n := a.rows
		a.mu.Unlock()
		ch <- n
	}()
	a.mu.Lock()
	defer a.mu.Unlock()
	return <-ch // want `communication deadlock: receive from ch while holding \(\*Ledger\)\.mu; the sender takes \(\*Ledger\)\.mu first; oneLedger runs both at once`
}

// readersUnderRead waits, holding a read lock, for goroutines that take it
// for reading before their Done.
func (t *Ledger) readersUnderRead(k int) {
	var wg sync.WaitGroup
	t.mu.RLock()
	defer t.mu.RUnlock()
	for i := 0; i < k; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.mu.RLock()
			_ = t.rows
			t.mu.RUnlock()
		}()
	}
	wg.Wait()
}

// writersUnderRead: the goroutines take it for writing.
func (t *Ledger) writersUnderRead(k int) {
	var wg sync.WaitGroup
	t.mu.RLock()
	defer t.mu.RUnlock()
	for i := 0; i < k; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.mu.Lock()
			t.rows++
			t.mu.Unlock()
		}()
	}
	wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding \(\*Ledger\)\.mu; the goroutines it waits for take \(\*Ledger\)\.mu before Done`
}

// waitOtherLedger waits, holding one ledger's lock, for a goroutine that
// takes another's.
func waitOtherLedger(a, b *Ledger) {
	var wg sync.WaitGroup
	a.mu.Lock()
	defer a.mu.Unlock()
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.mu.Lock()
		b.rows++
		b.mu.Unlock()
	}()
	wg.Wait()
}

// waitSameLedger: the goroutine takes the same ledger's lock.
func waitSameLedger(a *Ledger) {
	var wg sync.WaitGroup
	a.mu.Lock()
	defer a.mu.Unlock()
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.mu.Lock()
		a.rows++
		a.mu.Unlock()
	}()
	wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding \(\*Ledger\)\.mu; the goroutines it waits for take \(\*Ledger\)\.mu before Done; waitSameLedger runs both at once$`
}
