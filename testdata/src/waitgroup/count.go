package waitgroup

import (
	"log"
	"sync"
)

// WaitGroup.Wait that blocks forever because fewer Done calls can happen
// than Add added: Add(2) with one counted goroutine, Add(len(xs)) with a loop
// that skips starting some goroutines, an Add for a goroutine started only on
// one branch. Reported at the Wait. The fix makes the counts match.

// Group loads shards; its wg counts the loading goroutines.
type Group struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	loaded []string
}

// load records a loaded shard.
func (g *Group) load(shard string) {
	g.mu.Lock()
	g.loaded = append(g.loaded, shard)
	g.mu.Unlock()
}

// badAddTwo adds two but starts only one goroutine; the second load runs inline.
func badAddTwo(loadUsers, loadOrders func() error) (error, error) {
	var wg sync.WaitGroup
	var errUsers, errOrders error
	wg.Add(2)
	go func() {
		defer wg.Done()
		errUsers = loadUsers()
	}()
	errOrders = loadOrders()
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
	return errUsers, errOrders
}

// goodAddTwo adds one for its one goroutine.
func goodAddTwo(loadUsers, loadOrders func() error) (error, error) {
	var wg sync.WaitGroup
	var errUsers, errOrders error
	wg.Add(1)
	go func() {
		defer wg.Done()
		errUsers = loadUsers()
	}()
	errOrders = loadOrders()
	wg.Wait()
	return errUsers, errOrders
}

// badSkippedStart: Add counts every job, but empty jobs are skipped without
// starting a goroutine.
func badSkippedStart(jobs []string) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, j := range jobs {
		if j == "" {
			continue
		}
		go func() {
			defer wg.Done()
			_ = process(j)
		}()
	}
	wg.Wait() // a bug awaitvet misses: Add(len(...)) is symbolic; only constant Adds are counted
}

// goodSkippedStart calls Done for each skipped job.
func goodSkippedStart(jobs []string) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, j := range jobs {
		if j == "" {
			wg.Done()
			continue
		}
		go func() {
			defer wg.Done()
			_ = process(j)
		}()
	}
	wg.Wait()
}

// badConditionalStart adds for the audit goroutine even when it is not started.
func badConditionalStart(audit bool, rec string) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = process(rec)
	}()
	if audit {
		go func() {
			defer wg.Done()
			log.Print(rec)
		}()
	}
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
}

// goodConditionalStart adds right before each goroutine it starts.
func goodConditionalStart(audit bool, rec string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = process(rec)
	}()
	if audit {
		wg.Add(1)
		go func() {
			defer wg.Done()
			log.Print(rec)
		}()
	}
	wg.Wait()
}

// badForgottenDone: the second goroutine never calls Done.
func badForgottenDone(flush, fsync func()) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		flush()
	}()
	go func() {
		fsync()
	}()
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
}

// goodForgottenDone: both goroutines call Done.
func goodForgottenDone(flush, fsync func()) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		flush()
	}()
	go func() {
		defer wg.Done()
		fsync()
	}()
	wg.Wait()
}

// badFieldCount adds one per shard, but shard 0 is loaded inline.
func (g *Group) badFieldCount(shards []string) {
	g.wg.Add(len(shards))
	g.load(shards[0])
	for _, s := range shards[1:] {
		go func() {
			defer g.wg.Done()
			g.load(s)
		}()
	}
	g.wg.Wait() // a bug awaitvet misses: Add(len(shards)) is symbolic; only constant Adds are counted
}

// goodFieldCount adds one per goroutine it starts.
func (g *Group) goodFieldCount(shards []string) {
	g.wg.Add(len(shards) - 1)
	g.load(shards[0])
	for _, s := range shards[1:] {
		go func() {
			defer g.wg.Done()
			g.load(s)
		}()
	}
	g.wg.Wait()
}

// badLimitedStart adds for every page but stops starting workers at limit.
func badLimitedStart(pages []string, limit int) []int {
	out := make([]int, len(pages))
	var wg sync.WaitGroup
	wg.Add(len(pages))
	for i, p := range pages {
		if i == limit {
			break
		}
		go parseGood(&wg, p, &out[i])
	}
	wg.Wait() // a bug awaitvet misses: Add(len(...)) is symbolic; only constant Adds are counted
	return out
}

// goodLimitedStart adds one per worker it starts.
func goodLimitedStart(pages []string, limit int) []int {
	out := make([]int, len(pages))
	var wg sync.WaitGroup
	for i, p := range pages {
		if i == limit {
			break
		}
		wg.Add(1)
		go parseGood(&wg, p, &out[i])
	}
	wg.Wait()
	return out
}

// badPair (generic) adds two, but b is computed inline.
func badPair[A, B any](fa func() A, fb func() B) (A, B) {
	var wg sync.WaitGroup
	var a A
	wg.Add(2)
	go func() {
		defer wg.Done()
		a = fa()
	}()
	b := fb()
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
	return a, b
}

// goodPair (generic) adds one for its one goroutine.
func goodPair[A, B any](fa func() A, fb func() B) (A, B) {
	var wg sync.WaitGroup
	var a A
	wg.Add(1)
	go func() {
		defer wg.Done()
		a = fa()
	}()
	b := fb()
	wg.Wait()
	return a, b
}

// badWaitInLoop adds for every plugin up front, then starts one goroutine
// and waits in each iteration (moby#25384's shape): the first Wait waits for
// goroutines the loop has not started yet.
func badWaitInLoop(plugins []string) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func() {
			defer group.Done()
			_ = process(p)
		}()
		group.Wait() // want `WaitGroup\.Wait inside the loop that starts the goroutines group counts: it waits for goroutines not started yet`
	}
}

// goodWaitInLoop waits once, after the loop.
func goodWaitInLoop(plugins []string) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func() {
			defer group.Done()
			_ = process(p)
		}()
	}
	group.Wait()
}
