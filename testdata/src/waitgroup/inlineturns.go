package waitgroup

import "sync"

// A loop that adds one for each item and counts the item down itself when it
// does the work inline (or starts a goroutine that does) leaves its own
// goroutine's count where it was, however many turns it runs: a Wait after
// it, in that goroutine, waits only for the goroutines the loop started.

// scheduleItems runs even items in goroutines and odd ones inline, as a pool
// that is full does; wg counts the items.
func scheduleItems(wg *sync.WaitGroup, items []int, out chan<- int) {
	for _, it := range items {
		wg.Add(1)
		if it%2 == 0 {
			go func(v int) { out <- v * 2; wg.Done() }(it)
		} else {
			out <- it * 2
			wg.Done()
		}
	}
}

// inlineTurnsGood's closer is not counted: scheduleItems' own Adds and Dones
// cancel out on every turn.
func inlineTurnsGood(items []int) <-chan int {
	out := make(chan int, len(items))
	var wg sync.WaitGroup
	go func() {
		scheduleItems(&wg, items, out)
		wg.Wait()
		close(out)
	}()
	return out
}

// inlineTurnsBad's closer is counted as well (its deferred Done): it waits
// for itself.
func inlineTurnsBad(items []int) <-chan int {
	out := make(chan int, len(items))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		scheduleItems(&wg, items, out)
		wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
		close(out)
	}()
	return out
}

// drainItems counts down one more than it adds on a turn that skips the
// item: its turns do not balance.
func drainItems(wg *sync.WaitGroup, items []int) {
	for _, it := range items {
		if it < 0 {
			wg.Done()
			continue
		}
		wg.Add(1)
		wg.Done()
	}
}

// unbalancedTurnsBad's closer counts down beyond its own Adds: it holds a
// count its starter added, and waits for itself.
func unbalancedTurnsBad(items []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		drainItems(&wg, items)
		wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
	}()
}
