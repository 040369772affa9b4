package neverclosed

import (
	"errors"
	"sync"
)

// A range over a channel nothing closes can still end: by a branch out of
// its body that compares a count the loop carries round (the number of
// values taken) with a bound fixed before the loop. Whether the count is
// met is the senders' business: no claim that the range never ends. A way
// out on anything else (an error a call returns, a sentinel value, which a
// pool may send only when it shuts down) leaves the claim standing.

// sentinelWorkers: one -1 per worker, after the jobs; a sentinel is no
// count, and the claim stands (workers of a pool wait so by design).
func sentinelWorkers(items []int, workers int) int {
	jobs := make(chan int, len(items)+workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
				if j < 0 {
					return
				}
				mu.Lock()
				total += j
				mu.Unlock()
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	for range workers {
		jobs <- -1
	}
	wg.Wait()
	return total
}

// countedCollectGood leaves after one result per goroutine.
func countedCollectGood(items []int) int {
	results := make(chan int)
	for _, it := range items {
		go func() { results <- it * it }()
	}
	got, sum := 0, 0
	for r := range results {
		sum += r
		got++
		if got == len(items) {
			break
		}
	}
	return sum
}

// countedTakeGood leaves once it holds n values, the n its producer sends.
func countedTakeGood(n int) []int {
	if n <= 0 {
		return nil
	}
	ch := make(chan int)
	go func() {
		for i := range n {
			ch <- i
		}
	}()
	out := make([]int, 0, n)
	for v := range ch {
		out = append(out, v)
		if len(out) == n {
			break
		}
	}
	return out
}

func handle(j int) error {
	if j < 0 {
		return errors.New("negative")
	}
	return nil
}

// errorExitBad's workers leave only on an error: once the jobs run out
// without one, they wait forever.
func errorExitBad(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			if err := handle(j); err != nil {
				return
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	wg.Wait()
}

// batchesGood takes each batch's values in a range nested in a loop over
// the batches: the range is left on its count, and the outer loop, which
// comes round to the range again, is not part of it.
func batchesGood(batches [][]int) int {
	sum := 0
	for _, batch := range batches {
		ch := make(chan int)
		go func() {
			for _, v := range batch {
				ch <- v
			}
		}()
		got := 0
		for v := range ch {
			sum += v
			got++
			if got == len(batch) {
				break
			}
		}
	}
	return sum
}

// batchesErrorBad leaves each batch's range only on an error.
func batchesErrorBad(batches [][]int) {
	for _, batch := range batches {
		ch := make(chan int)
		go func() {
			for _, v := range batch {
				ch <- v
			}
		}()
		for v := range ch { // want `range over ch never ends: nothing closes ch`
			if handle(v) != nil {
				break
			}
		}
	}
}

type watchEvent struct{ revoked bool }

func watchEvents(n int) chan []watchEvent {
	ch := make(chan []watchEvent, n)
	close(ch)
	return ch
}

// watchUntilRevoked ranges over a channel a callee returns inside a loop
// that starts the range again: the outer loop's blocks, which come round
// to the range's header too, are not the range's body.
func watchUntilRevoked(n int) {
	for i := 0; i < n; i++ {
		for evs := range watchEvents(i) {
			for _, ev := range evs {
				if !ev.revoked {
					continue
				}
				return
			}
		}
		n--
	}
}

type shardPart struct{ slot, val int }

// pendingSetGood leaves its range when the set of slots still pending,
// filled before the loop and deleted from on every value, is empty.
func pendingSetGood(shards []int) int {
	results := make(chan shardPart)
	pending := make(map[int]bool, len(shards))
	for i, s := range shards {
		pending[i] = true
		go func() { results <- shardPart{i, s * 10} }()
	}
	if len(pending) == 0 {
		return 0
	}
	sum := 0
	for p := range results {
		delete(pending, p.slot)
		sum += p.val
		if len(pending) == 0 {
			break
		}
	}
	return sum
}

var depGraph = map[string][]string{"a": {"b", "c"}, "b": {"c"}}

type depResult struct {
	name string
	deps []string
}

// outstandingGood counts what is still outstanding, up by the children an
// inner loop starts, down by one per value: it leaves at zero.
func outstandingGood(root string) int {
	results := make(chan depResult)
	resolve := func(n string) { go func() { results <- depResult{n, depGraph[n]} }() }
	seen := map[string]bool{root: true}
	outstanding := 1
	resolve(root)
	for r := range results {
		outstanding--
		for _, d := range r.deps {
			if !seen[d] {
				seen[d] = true
				outstanding++
				resolve(d)
			}
		}
		if outstanding == 0 {
			break
		}
	}
	return len(seen)
}

// lookupSetBad leaves when a map it only reads holds the value: nothing
// the loop does brings that nearer.
func lookupSetBad(shards []int, known map[int]bool) int {
	results := make(chan shardPart)
	for i, s := range shards {
		go func() { results <- shardPart{i, s} }()
	}
	sum := 0
	for p := range results { // want `range over results never ends: nothing closes results`
		sum += p.val
		if len(known) == p.slot {
			break
		}
	}
	return sum
}
