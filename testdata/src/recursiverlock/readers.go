package recursiverlock

import "sync"

// Readers' lock is only ever read-locked: no writer can queue between two
// RLocks, so holding it twice cannot block. Silent.
type Readers struct {
	mu sync.RWMutex
	n  int
}

func (r *Readers) count() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.n
}

func (r *Readers) Twice() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.count() * 2
}

// readerLoop read-locks a captured local once per iteration, as a benchmark
// of RLock does; nothing write-locks it. Silent.
func readerLoop(run func(func(int))) {
	mu := sync.RWMutex{}
	run(func(n int) {
		i := 0
		for ; i < n; i++ {
			mu.RLock()
		}
		for ; i > 0; i-- {
			mu.RUnlock()
		}
	})
}

// writerLoop is readerLoop with a writer in another goroutine: the second
// RLock can queue behind it.
func writerLoop(run func(func(int))) {
	mu := sync.RWMutex{}
	go func() {
		mu.Lock()
		mu.Unlock()
	}()
	run(func(n int) {
		i := 0
		for ; i < n; i++ {
			mu.RLock() // want `recursive read lock: mu read-locked while already read-held \(on the next loop iteration\)`
		}
		for ; i > 0; i-- {
			mu.RUnlock()
		}
	})
}
