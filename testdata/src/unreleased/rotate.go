package unreleased

import "sync"

// A log that rotates to a fresh segment when the active one is full: seg
// is pointed at the new segment, which is locked before the old one is
// released, and the final Unlock releases whichever segment seg names on
// the path taken. Each path holds exactly one segment lock there.

type rotSegment struct {
	mu  sync.Mutex
	n   int
	max int
}

type rotLog struct {
	mu     sync.Mutex
	active *rotSegment
}

func (l *rotLog) Write() {
	l.mu.Lock()
	defer l.mu.Unlock()
	seg := l.active
	seg.mu.Lock()
	if seg.n >= seg.max {
		old := seg
		seg = &rotSegment{max: old.max}
		l.active = seg
		seg.mu.Lock()
		old.mu.Unlock()
	}
	seg.n++
	seg.mu.Unlock()
}

// The same with the fresh segment from a helper and a call that takes
// nothing between the merge and the release.

func (l *rotLog) fresh(max int) *rotSegment { return &rotSegment{max: max} }

func (s *rotSegment) count() { s.n++ }

func (l *rotLog) WriteVia() {
	l.mu.Lock()
	defer l.mu.Unlock()
	seg := l.active
	seg.mu.Lock()
	if seg.n >= seg.max {
		old := seg
		seg = l.fresh(old.max)
		l.active = seg
		seg.mu.Lock()
		old.mu.Unlock()
	}
	seg.count()
	seg.mu.Unlock()
}

// A hand-off between two slots of one object: cur moves to the second
// slot, locked before the first is released, on one branch only.

type pairSlot struct {
	mu sync.Mutex
	n  int
}

type slotPair struct{ a, b pairSlot }

func (p *slotPair) Bump(toB bool) {
	cur := &p.a
	cur.mu.Lock()
	if toB {
		next := &p.b
		next.mu.Lock()
		cur.mu.Unlock()
		cur = next
	}
	cur.n++
	cur.mu.Unlock()
}

// The twin moves to the second slot without releasing the first: on that
// branch the first is still held at the return.

type badSlotPair struct{ a, b pairSlot }

func (p *badSlotPair) Bump(toB bool) {
	cur := &p.a
	cur.mu.Lock()
	if toB {
		next := &p.b
		next.mu.Lock()
		cur = next
	}
	cur.n++
	cur.mu.Unlock()
} // want `lock not released: \(\*pairSlot\)\.mu is still held when this path returns`
