// Package future tests check future: a Wait for goroutines one of which
// blocks forever. It follows from the finding that shows the goroutine
// blocked (a leak, a send nothing receives, a range nothing closes), so it
// is reported as the last step of that finding's chain, not on its own: a
// "// folded `re`" comment expects, at its line, related information of
// some diagnostic matching re (see checkFolded).
package future

import "sync"

func work(x int) int { return x + 1 }

// badResults: the workers send results nobody receives, so Wait hangs.
func badResults(xs []int) {
	var wg sync.WaitGroup
	results := make(chan int)
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- work(x) // want `no receiver: send on results blocks forever`
		}()
	}
	wg.Wait() // folded `wait never returns: wg\.Wait waits for a goroutine that blocks forever: it sends on results, which nothing receives from`
}

// goodResults buffers the results for every worker.
func goodResults(xs []int) {
	var wg sync.WaitGroup
	results := make(chan int, len(xs))
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- work(x)
		}()
	}
	wg.Wait()
}

// badGoWorkers: wg.Go workers range over a jobs channel nothing closes.
func badGoWorkers(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		wg.Go(func() {
			for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
				work(j)
			}
		})
	}
	for _, x := range xs {
		jobs <- x
	}
	wg.Wait() // folded `wait never returns: wg\.Wait waits for a goroutine that blocks forever: it ranges over jobs`
}

// goodGoWorkers closes jobs after the last send.
func goodGoWorkers(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		wg.Go(func() {
			for j := range jobs {
				work(j)
			}
		})
	}
	for _, x := range xs {
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}

// badFirstResult waits for all workers after taking the first result only:
// the others block on their send, so Wait never returns.
func badFirstResult(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int)
	for _, x := range xs {
		wg.Add(1)
		go func() { // want `goroutine leak: send on ch blocks forever`
			defer wg.Done()
			ch <- work(x)
		}()
	}
	v := <-ch
	wg.Wait() // folded `wait never returns: wg\.Wait waits for a goroutine that blocks forever: its send on ch blocks forever`
	return v
}

// goodFirstResult gives every worker room for its result.
func goodFirstResult(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int, len(xs))
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- work(x)
		}()
	}
	v := <-ch
	wg.Wait()
	return v
}

// badNamedWorker: the counted goroutine is a named function that ranges
// over a channel nobody closes.
func badNamedWorker(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	wg.Add(1)
	go drain(&wg, jobs)
	for _, x := range xs {
		jobs <- x
	}
	wg.Wait() // folded `wait never returns: wg\.Wait waits for a goroutine that blocks forever: it ranges over jobs`
}

func drain(wg *sync.WaitGroup, jobs chan int) {
	defer wg.Done()
	for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
		work(j)
	}
}

// goodNamedWorker closes jobs when the last one is sent.
func goodNamedWorker(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	wg.Add(1)
	go drain2(&wg, jobs)
	for _, x := range xs {
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}

func drain2(wg *sync.WaitGroup, jobs chan int) {
	defer wg.Done()
	for j := range jobs {
		work(j)
	}
}

// badGoSend: a wg.Go worker sends a result nobody receives.
func badGoSend(x int) {
	var wg sync.WaitGroup
	out := make(chan int)
	wg.Go(func() {
		out <- work(x) // want `no receiver: send on out blocks forever`
	})
	wg.Wait() // folded `wait never returns: wg\.Wait waits for a goroutine that blocks forever: it sends on out, which nothing receives from`
}

// goodGoSend receives the result before waiting.
func goodGoSend(x int) int {
	var wg sync.WaitGroup
	out := make(chan int, 1)
	wg.Go(func() {
		out <- work(x)
	})
	wg.Wait()
	return <-out
}

// badDoneChannel waits on a done channel that the worker closes on its way
// out, but the worker never leaves its range over jobs.
func badDoneChannel(xs []int) {
	jobs := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			work(j)
		}
	}()
	for _, x := range xs {
		jobs <- x
	}
	<-done // folded `wait never returns: receive from done waits for a goroutine that blocks forever before it sends or closes: it ranges over jobs, which nothing closes`
}

// goodDoneChannel closes jobs, so the worker leaves and closes done.
func goodDoneChannel(xs []int) {
	jobs := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for j := range jobs {
			work(j)
		}
	}()
	for _, x := range xs {
		jobs <- x
	}
	close(jobs)
	<-done
}

// badResultAfterSend: the worker reports on a channel nobody reads before
// it signals done.
func badResultAfterSend(x int) {
	progress := make(chan int)
	done := make(chan bool)
	go func() {
		progress <- work(x) // want `no receiver: send on progress blocks forever`
		done <- true
	}()
	<-done // folded `wait never returns: receive from done waits for a goroutine that blocks forever before it sends or closes: it sends on progress, which nothing receives from`
}

// goodResultAfterSend signals done first; progress is buffered.
func goodResultAfterSend(x int) {
	progress := make(chan int, 1)
	done := make(chan bool)
	go func() {
		progress <- work(x)
		done <- true
	}()
	<-done
}

// goodDoneFirst: the worker closes done before the send that blocks, so
// the receive of done returns (the send's leak is nopartner's finding).
func goodDoneFirst(x int) {
	progress := make(chan int)
	done := make(chan bool)
	go func() {
		close(done)
		progress <- work(x) // want `no receiver: send on progress blocks forever`
	}()
	<-done
}
