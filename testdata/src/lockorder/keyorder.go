package lockorder

import "sync"

// Two objects of different types whose keys come from one space, nested
// in the order a comparison of those keys picks: both branches take the
// lower key first, a total order over every pair, so the two nestings are
// no cycle. The twin picks the order by a flag of the caller's, which
// orders nothing: attachByFlag(h, d, true) and attachByFlag(h, d, false)
// in two goroutines deadlock.

type host struct {
	id uint64
	mu sync.Mutex
}

type disk struct {
	id uint64
	mu sync.Mutex
}

func attachByKey(h *host, d *disk) {
	if h.id < d.id {
		h.mu.Lock()
		d.mu.Lock()
	} else {
		d.mu.Lock()
		h.mu.Lock()
	}
	d.mu.Unlock()
	h.mu.Unlock()
}

type rack struct {
	id uint64
	mu sync.Mutex
}

type shelf struct {
	id uint64
	mu sync.Mutex
}

func attachByFlag(r *rack, s *shelf, rackFirst bool) {
	if rackFirst {
		r.mu.Lock()
		s.mu.Lock()
	} else {
		s.mu.Lock()
		r.mu.Lock() // want `lock-order cycle: \(\*rack\)\.mu acquired while holding \(\*shelf\)\.mu; attachByFlag takes them in the opposite order`
	}
	s.mu.Unlock()
	r.mu.Unlock()
}
