package waitgroup

import "sync"

// Elements of a slice (or array) of WaitGroups are different WaitGroups:
// a goroutine that waits on one element and calls Done on the next neither
// waits for itself nor misses its Done (client-go synctrack's test
// sequence). Indices are not tracked, so the checks that need two
// operations on the same WaitGroup stay silent on an element; only a
// goroutine counted by an Add on an element it is handed is still checked
// for a missing Done.

// sequence orders steps: step n waits for s[n], then releases s[n+1].
type sequence []sync.WaitGroup

func newSequence(n int) sequence {
	s := make(sequence, n)
	for i := range s {
		s[i].Add(1)
	}
	return s
}

func (s sequence) start() { s[0].Done() }

// step waits for step n and releases step n+1.
func (s sequence) step(n int) {
	s[n].Wait()
	if n+1 < len(s) {
		s[n+1].Done()
	}
}

// goodSequence runs step 1 in a goroutine between steps 0 and 2.
func goodSequence() {
	seq := newSequence(3)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		seq.step(1)
	}()
	seq.start()
	seq.step(0)
	seq.step(2)
	wg.Wait()
}

// goodStages gives each stage of an array its own WaitGroup: stage i waits
// for stage i-1's goroutine.
func goodStages(work [3]func()) {
	var stages [3]sync.WaitGroup
	for i := range stages {
		stages[i].Add(1)
	}
	for i := range stages {
		go func() {
			if i > 0 {
				stages[i-1].Wait()
			}
			work[i]()
			stages[i].Done()
		}()
	}
	stages[2].Wait()
}

// shard is one of several, each with its own counter of running workers.
type shard struct {
	running sync.WaitGroup
	jobs    []string
}

// badShardWorker adds a worker to each shard and hands the shard to a
// goroutine that can return before Done: whichever element the Done is on,
// that path misses it.
func badShardWorker(shards []*shard) {
	for i := range shards {
		sh := shards[i]
		sh.running.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine \(\*shard\)\.running counts`
			if len(sh.jobs) == 0 {
				return
			}
			sh.running.Done()
		}()
	}
	for _, sh := range shards {
		sh.running.Wait()
	}
}

// goodShardWorker defers the Done.
func goodShardWorker(shards []*shard) {
	for i := range shards {
		sh := shards[i]
		sh.running.Add(1)
		go func() {
			defer sh.running.Done()
			if len(sh.jobs) == 0 {
				return
			}
		}()
	}
	for _, sh := range shards {
		sh.running.Wait()
	}
}
