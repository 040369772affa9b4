package unreleased

import (
	"errors"
	"sync"
)

// Backend's *Locked functions are called with mu held and step out of it
// around slow calls; every return leaves mu held, as the caller expects
// (its deferred Unlock releases it).
type Backend struct {
	mu   sync.Mutex
	head int
}

func (b *Backend) fetch(n int) (int, error) {
	b.mu.Lock()
	h := b.head
	b.mu.Unlock()
	if h < 0 {
		return 0, errors.New("no client")
	}
	return n + h, nil
}

// syncLocked steps out twice: the second Lock takes the caller's lock back
// again, like the first.
func (b *Backend) syncLocked() error {
	if b.head < 0 {
		return errors.New("bad head")
	}
	b.mu.Unlock()
	offer, err := b.fetch(1)
	b.mu.Lock()
	if err != nil {
		return err
	}
	if offer == b.head {
		return nil
	}
	b.mu.Unlock()
	sent, err := b.fetch(offer)
	b.mu.Lock()
	if err != nil {
		return err
	}
	b.head = sent
	return nil
}

func (b *Backend) SyncIfNeeded() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.syncLocked()
}

// syncOwn takes the lock itself and steps out twice: the early return after
// the second step keeps it.
func (b *Backend) syncOwn() error {
	b.mu.Lock()
	b.mu.Unlock()
	offer, err := b.fetch(1)
	b.mu.Lock()
	if err != nil {
		b.mu.Unlock()
		return err
	}
	b.mu.Unlock()
	sent, err := b.fetch(offer)
	b.mu.Lock()
	if err != nil {
		return err // want `lock not released: \(\*Backend\)\.mu is still held when this path returns`
	}
	b.head = sent
	b.mu.Unlock()
	return nil
}
