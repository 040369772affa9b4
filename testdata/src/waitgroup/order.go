package waitgroup

import "sync"

// Program order inside one goroutine decides what a WaitGroup operation
// waits for. A goroutine that has already called its Done no longer counts
// when it waits (a barrier); a goroutine that adds for itself is not counted
// before its Add; a goroutine that still holds its count may add for the
// next worker; and a Wait after the loop that starts the goroutines waits
// only for started ones. Each good case has a bad twin whose order is the
// wrong one.

func step(i int) int { return i * 2 }

// goodBarrier: every worker checks in with ready.Done() and then waits for
// the others with ready.Wait(): its own count is gone when it waits.
func goodBarrier(n int, out []int) {
	var ready, done sync.WaitGroup
	ready.Add(n)
	done.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer done.Done()
			ready.Done()
			ready.Wait()
			out[i] = step(i)
		}()
	}
	done.Wait()
}

// badBarrier waits before it checks in: every worker waits for itself.
func badBarrier(n int, out []int) {
	var ready, done sync.WaitGroup
	ready.Add(n)
	done.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer done.Done()
			ready.Wait() // want `WaitGroup\.Wait inside a goroutine that ready counts: it waits for itself`
			ready.Done()
			out[i] = step(i)
		}()
	}
	done.Wait()
}

// goodChainWait: the second worker waits for the first one's count to
// drop and only then adds itself to the group: its Wait comes before its
// own Add, so it waits for the first worker, not for itself.
func goodChainWait(done chan<- struct{}) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		step(0)
	}()
	go func() {
		wg.Wait()
		wg.Add(1)
		defer wg.Done()
		step(1)
		close(done)
	}()
}

// badChainWait is counted by the group it waits on from the start: it
// waits for itself.
func badChainWait(n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
			step(i)
		}
	}()
}

// relay is a chained worker: before it finishes (its Done is deferred) it
// adds for the next worker and starts it. The counter never drops to zero
// in between, so the Add cannot race with the Wait.
func relay(wg *sync.WaitGroup, i, n int) {
	defer wg.Done()
	step(i)
	if i < n {
		wg.Add(1)
		go relay(wg, i+1, n)
	}
}

func goodRelay(n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go relay(&wg, 0, n)
	wg.Wait()
}

// relayLate calls its Done first and adds for the next worker after: the
// counter may be zero, Wait may have returned, and the Add races with it.
func relayLate(wg *sync.WaitGroup, i, n int) {
	step(i)
	wg.Done()
	if i < n {
		wg.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
		go relayLate(wg, i+1, n)
	}
}

func badRelay(n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go relayLate(&wg, 0, n)
	wg.Wait()
}

// goodWaitAfterLoop adds for every worker up front, starts them in one loop
// and waits in a later loop (one round of results per iteration): every
// worker is started before the first Wait.
func goodWaitAfterLoop(n, rounds int, out []int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			out[i] = step(i)
		}()
	}
	for r := 0; r < rounds; r++ {
		wg.Wait()
		out[r%n]++
	}
}

// badWaitInStartLoop waits in the loop that starts the workers, after
// adding for all of them: the first Wait waits for workers not started yet.
func badWaitInStartLoop(n int, out []int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			out[i] = step(i)
		}()
		wg.Wait() // want `WaitGroup\.Wait inside the loop that starts the goroutines wg counts: it waits for goroutines not started yet`
	}
}

// goodWaitOnLastTurn waits inside the loop too, but only on its last turn,
// after every worker has started: whether a turn is the last is more than
// the model follows, and a Wait that may not run on every turn is no claim.
func goodWaitOnLastTurn(n int, out []int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			out[i] = step(i)
		}()
		if i == n-1 {
			wg.Wait()
		}
	}
}

// goodFirstAndStop starts one worker in its loop, waits for it and stops:
// the go statement runs before the Wait on every path to it, so the one
// Add has its Done.
func goodFirstAndStop(items []int, out []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	for i := range items {
		go func() {
			defer wg.Done()
			out[i] = step(i)
		}()
		wg.Wait()
		break
	}
}

// badFirstAndStop adds for two workers and starts one before the Wait.
func badFirstAndStop(items []int, out []int) {
	var wg sync.WaitGroup
	wg.Add(2)
	for i := range items {
		go func() {
			defer wg.Done()
			out[i] = step(i)
		}()
		wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
		break
	}
}

// goodStartOrDone counts down on both paths: the worker's Done where it
// is started, its own Done where it is not.
func goodStartOrDone(async bool, out []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	if async {
		go func() {
			defer wg.Done()
			out[0] = step(0)
		}()
	} else {
		wg.Done()
	}
	wg.Wait()
}

// badStartOrNot forgets the Done on the path that starts nothing.
func badStartOrNot(async bool, out []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	if async {
		go func() {
			defer wg.Done()
			out[0] = step(0)
		}()
	}
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
}

// goodDoneThenClose: a worker that stops the server on its way out gives
// up its count first, in the same deferred call, and Close waits for the
// other workers only.
type relayServer struct {
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeCh   chan struct{}
}

func (s *relayServer) Close() {
	s.closeOnce.Do(func() {
		close(s.closeCh)
		s.wg.Wait()
	})
}

func (s *relayServer) readLoop() {
	defer func() {
		s.wg.Done()
		s.Close()
	}()
	<-s.closeCh
}

func (s *relayServer) Start(n int) {
	for range n {
		s.wg.Add(1)
		go s.readLoop()
	}
}
