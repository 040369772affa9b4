package doublelock

import "sync"

// A generic helper over a type parameter constrained by sync.Locker calls
// the constraint's methods: release(&b.mu) unlocks b.mu, acquire(&b.mu)
// locks it, as b.mu.Unlock() and b.mu.Lock() would.

func releaseLocker[L sync.Locker](l L) { l.Unlock() }

func acquireLocker[L sync.Locker](l L) { l.Lock() }

type tokenBucket struct {
	mu     sync.Mutex
	tokens float64
}

// GrantGood releases through the helper before it locks again.
func (b *tokenBucket) GrantGood() float64 {
	b.mu.Lock()
	bal := b.tokens
	releaseLocker(&b.mu)
	credit := bal / 10
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tokens += credit
	return credit
}

// RefuseGood leaves by a path that releases through the helper.
func (b *tokenBucket) RefuseGood(n float64) bool {
	b.mu.Lock()
	if b.tokens < n {
		releaseLocker(&b.mu)
		return false
	}
	b.tokens -= n
	b.mu.Unlock()
	return true
}

// TopUpBad locks through the helper while it holds the lock.
func (b *tokenBucket) TopUpBad() {
	b.mu.Lock()
	defer b.mu.Unlock()
	acquireLocker(&b.mu) // want `double lock: \(\*tokenBucket\).mu acquired while already held`
	b.tokens++
}
