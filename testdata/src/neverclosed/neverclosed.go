// Package neverclosed tests the neverclosed check: a goroutine (or the
// function itself) ranges over a channel that nothing closes, so the range
// never ends and the ranging goroutine leaks, or whoever waits for it hangs.
// The finding is at the line of the for ... range statement. A channel closed
// on some path only is not reported (precision first). Every badX case has a
// goodX twin of the same shape with the bug fixed, which must stay silent.
package neverclosed

import "sync"

// sink consumes a value.
func sink(int) {}

// badWorkers: the workers range over jobs but the producer never closes it.
func badWorkers(items []int) {
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		go func() {
			for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
				sink(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
}

// goodWorkers closes jobs after the sends.
func goodWorkers(items []int) {
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		go func() {
			for j := range jobs {
				sink(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

// badSingleWorker: one consumer goroutine, jobs never closed.
func badSingleWorker(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// goodSingleWorker closes jobs with defer.
func goodSingleWorker(items []int) {
	jobs := make(chan int)
	defer close(jobs)
	go func() {
		for j := range jobs {
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// badWaitGroup waits for rangers that can never finish: wg.Wait hangs.
func badWaitGroup(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
				sink(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	wg.Wait() // folded `wait never returns: wg\.Wait waits for a goroutine that blocks forever: it ranges over jobs`
}

// goodWaitGroup closes jobs before wg.Wait.
func goodWaitGroup(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				sink(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}

// badNamedWorker ranges over its parameter; its only caller never closes it.
func badNamedWorker(jobs <-chan int) {
	for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
		sink(j)
	}
}

// goodNamedWorker has the same body; its caller closes the channel.
func goodNamedWorker(jobs <-chan int) {
	for j := range jobs {
		sink(j)
	}
}

// badNamedWorkerCaller starts badNamedWorker and never closes jobs.
func badNamedWorkerCaller(items []int) {
	jobs := make(chan int)
	go badNamedWorker(jobs)
	for _, it := range items {
		jobs <- it
	}
}

// goodNamedWorkerCaller closes jobs after the sends.
func goodNamedWorkerCaller(items []int) {
	jobs := make(chan int)
	go goodNamedWorker(jobs)
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

// emit feeds items into a new channel and closes it.
func emit(items []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, it := range items {
			out <- it
		}
	}()
	return out
}

// badSquare is a pipeline stage that forgets to close its output.
func badSquare(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for v := range in {
			out <- v * v
		}
	}()
	return out
}

// goodSquare closes its output when its input is drained.
func goodSquare(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			out <- v * v
		}
	}()
	return out
}

// badPipeline: the next stage's range over badSquare's output never ends.
func badPipeline(items []int) int {
	sq := badSquare(emit(items))
	total := 0
	for v := range sq { // want `range over sq never ends: nothing closes`
		total += v
	}
	return total
}

// goodPipeline ranges over goodSquare's closed output.
func goodPipeline(items []int) int {
	sq := goodSquare(emit(items))
	total := 0
	for v := range sq {
		total += v
	}
	return total
}

// badCount is a generator that never closes its channel.
func badCount(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

// goodCount closes its channel after the last value.
func goodCount(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

// badGenerator ranges over badCount's channel, which is never closed.
func badGenerator() int {
	nums := badCount(3)
	total := 0
	for v := range nums { // want `range over nums never ends: nothing closes`
		total += v
	}
	return total
}

// goodGenerator ranges over goodCount's closed channel.
func goodGenerator() int {
	nums := goodCount(3)
	total := 0
	for v := range nums {
		total += v
	}
	return total
}

// badCollect ranges over results; nobody closes it after the senders finish.
func badCollect(items []int) int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- it * 2
		}()
	}
	total := 0
	for r := range results { // want `range over results never ends: nothing closes results`
		total += r
	}
	return total
}

// goodCollect closes results once every sender is done.
func goodCollect(items []int) int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- it * 2
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	total := 0
	for r := range results {
		total += r
	}
	return total
}

// badWrongClose closes done instead of jobs.
func badWrongClose(items []int) {
	jobs := make(chan int)
	done := make(chan struct{})
	go func() {
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	close(done)
}

// goodWrongClose closes jobs as well as done.
func goodWrongClose(items []int) {
	jobs := make(chan int)
	done := make(chan struct{})
	go func() {
		for j := range jobs {
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	close(done)
}

// badCloseSomePath: nothing closes jobs on any path.
func badCloseSomePath(items []int, flush bool) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	if flush {
		sink(0)
	}
}

// goodCloseSomePath closes jobs on one path only; not reported, for precision.
func goodCloseSomePath(items []int, flush bool) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	if flush {
		close(jobs)
	}
}
