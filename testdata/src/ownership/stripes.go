package ownership

import "sync"

// --- striped lock arrays ---

// Table guards its buckets with stripes; moving an entry between two buckets
// locks two stripes, and every such nesting happens under resize.
type Table struct {
	resize  sync.Mutex
	stripes [16]sync.Mutex
	buckets [16]map[string]int
}

// move nests two stripes under the resize lock: every nesting of two stripes
// is serialised by it, so the stripes cannot deadlock with each other.
func (t *Table) move(from, to int, k string) {
	t.resize.Lock()
	defer t.resize.Unlock()
	t.stripes[from].Lock()
	defer t.stripes[from].Unlock()
	t.stripes[to].Lock()
	defer t.stripes[to].Unlock()
	t.buckets[to][k] = t.buckets[from][k]
	delete(t.buckets[from], k)
}

// get locks one stripe.
func (t *Table) get(i int, k string) int {
	t.stripes[i].Lock()
	defer t.stripes[i].Unlock()
	return t.buckets[i][k]
}

// The buggy twin: two stripes nested with nothing serialising the nestings
// (move(1, 2) and move(2, 1) deadlock).
type BadTable struct {
	stripes [16]sync.Mutex
	buckets [16]map[string]int
}

func (t *BadTable) move(from, to int, k string) {
	t.stripes[from].Lock()
	defer t.stripes[from].Unlock()
	t.stripes[to].Lock() // want `lock-order cycle`
	defer t.stripes[to].Unlock()
	t.buckets[to][k] = t.buckets[from][k]
}

// OrderedTable takes two stripes lowest index first: a fixed order.
type OrderedTable struct {
	stripes [16]sync.Mutex
}

func (t *OrderedTable) swap(a, b int) {
	if a > b {
		a, b = b, a
	}
	t.stripes[a].Lock()
	defer t.stripes[a].Unlock()
	t.stripes[b].Lock()
	defer t.stripes[b].Unlock()
}

// lockAll takes every stripe in index order from one Lock site.
func (t *OrderedTable) lockAll() {
	for i := range t.stripes {
		t.stripes[i].Lock()
	}
}

func (t *OrderedTable) unlockAll() {
	for i := range t.stripes {
		t.stripes[i].Unlock()
	}
}

// Shards are objects holding a lock, reached through pointers in a slice:
// two of them may be ordered by a structure the model cannot see, so their
// nestings are not stripe nestings (here they are also gated: every caller
// of moveLocked holds the rebalance lock).
type Shards struct {
	rebalance sync.Mutex
	shards    []*shard
}

type shard struct {
	mu sync.RWMutex
	m  map[string]int
}

func (s *Shards) Move(i, j int, k string) {
	s.rebalance.Lock()
	defer s.rebalance.Unlock()
	s.moveLocked(i, j, k)
}

func (s *Shards) moveLocked(i, j int, k string) {
	a, b := s.shards[i], s.shards[j]
	a.mu.Lock()
	defer a.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[k] = a.m[k]
}

// readBoth read-locks two shards: readers do not exclude each other.
func (s *Shards) readBoth(i, j int, k string) int {
	s.shards[i].mu.RLock()
	defer s.shards[i].mu.RUnlock()
	s.shards[j].mu.RLock()
	defer s.shards[j].mu.RUnlock()
	return s.shards[i].m[k] + s.shards[j].m[k]
}

// Two elements taken at constant indices, the lower first, in every
// nesting: the order is written in the source. In the twin another method
// takes them the other way round.

type DoubleBuf1 struct {
	locks [2]sync.Mutex
	bufs  [2][]int
}

func (d *DoubleBuf1) Swap() {
	d.locks[0].Lock()
	d.locks[1].Lock()
	d.bufs[0], d.bufs[1] = d.bufs[1], d.bufs[0]
	d.locks[1].Unlock()
	d.locks[0].Unlock()
}

type DoubleBuf2 struct {
	locks [2]sync.Mutex
	bufs  [2][]int
}

func (d *DoubleBuf2) Swap() {
	d.locks[0].Lock()
	d.locks[1].Lock()
	d.bufs[0], d.bufs[1] = d.bufs[1], d.bufs[0]
	d.locks[1].Unlock()
	d.locks[0].Unlock()
}

func (d *DoubleBuf2) Back() {
	d.locks[1].Lock()
	d.locks[0].Lock() // want `lock-order cycle: two elements of \(\*DoubleBuf2\)\.locks nested in no fixed order`
	d.bufs[0] = nil
	d.locks[0].Unlock()
	d.locks[1].Unlock()
}

// MinMaxTable takes the lower of two stripes first by the builtins: min
// and max of the same two indices are a fixed order. The twin computes
// them but locks by the arguments, in the order the caller gives.
type MinMaxTable struct {
	stripes [16]sync.Mutex
	n       [16]int
}

func (t *MinMaxTable) move(i, j int) {
	if i == j {
		return
	}
	lo, hi := min(i, j), max(i, j)
	t.stripes[lo].Lock()
	defer t.stripes[lo].Unlock()
	t.stripes[hi].Lock()
	defer t.stripes[hi].Unlock()
	t.n[i]--
	t.n[j]++
}

type ArgsTable struct {
	stripes [16]sync.Mutex
	n       [16]int
}

func (t *ArgsTable) move(i, j int) {
	if i == j {
		return
	}
	lo, hi := min(i, j), max(i, j)
	t.stripes[i].Lock()
	defer t.stripes[i].Unlock()
	t.stripes[j].Lock() // want `lock-order cycle: two elements of \(\*ArgsTable\)\.stripes nested in no fixed order`
	defer t.stripes[j].Unlock()
	t.n[lo]--
	t.n[hi]++
}
