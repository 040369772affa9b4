package ownership

import "sync"

// A goroutine handed a new object of its own: each iteration makes a
// shard, and only the goroutine it starts ever reaches it (the starter
// touches it only before the go statement). The goroutine takes the
// shard's lock, then the store's; the store's flush takes its own, then
// its current table's. No other goroutine can hold that shard's lock: no
// cycle. In the twin the starter also locks the shard after starting the
// goroutine, so two goroutines reach it.

type Shard1 struct {
	mu   sync.Mutex
	rows map[int]int
}

type Table1 struct {
	mu   sync.Mutex
	mem  *Shard1
	data map[int]int
}

func (t *Table1) Flush() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.mem.mu.Lock()
	defer t.mem.mu.Unlock()
	for k, v := range t.mem.rows {
		t.data[k] = v
	}
}

func (t *Table1) Build(n int) {
	var wg sync.WaitGroup
	for i := range n {
		sh := &Shard1{rows: map[int]int{}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh.mu.Lock()
			defer sh.mu.Unlock()
			sh.rows[i] = i
			t.mu.Lock()
			t.data[i] = i
			t.mu.Unlock()
		}()
	}
	wg.Wait()
}

type Shard2 struct {
	mu   sync.Mutex
	rows map[int]int
}

type Table2 struct {
	mu   sync.Mutex
	mem  *Shard2
	data map[int]int
}

func (t *Table2) Flush() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.mem.mu.Lock()
	defer t.mem.mu.Unlock()
	for k, v := range t.mem.rows {
		t.data[k] = v
	}
}

func (t *Table2) Build(n int) {
	var wg sync.WaitGroup
	for i := range n {
		sh := &Shard2{rows: map[int]int{}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh.mu.Lock()
			defer sh.mu.Unlock()
			sh.rows[i] = i
			t.mu.Lock() // want `lock-order cycle: \(\*Table2\)\.mu acquired while holding \(\*Shard2\)\.mu; \(\*Table2\)\.Flush takes them in the opposite order$`
			t.data[i] = i
			t.mu.Unlock()
		}()
		sh.mu.Lock()
		sh.rows[-i] = i
		sh.mu.Unlock()
	}
	wg.Wait()
}
