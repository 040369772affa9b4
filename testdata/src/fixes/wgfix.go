package fixes

import "sync"

// twoGroups: each worker signals started, then may return before done's
// Done. The fix defers done.Done(), the group of the finding, and leaves
// started.Done() where it is.
func twoGroups(xs []int) {
	var started, done sync.WaitGroup
	for _, x := range xs {
		started.Add(1)
		done.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine done counts`
			compute(x)
			started.Done()
			if x < 0 {
				return
			}
			done.Done()
		}()
	}
	started.Wait()
	done.Wait()
}

// otherDoneFirst: the goroutine's first statement is the Done of the other
// group. The fix inserts before it and deletes the finding's Done; the two
// edits do not overlap.
func otherDoneFirst(xs []int) {
	var started, done sync.WaitGroup
	for _, x := range xs {
		started.Add(1)
		done.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine done counts`
			started.Done()
			if x < 0 {
				return
			}
			compute(x)
			done.Done()
		}()
	}
	started.Wait()
	done.Wait()
}

// helperDone: the finding's Done is in a helper; deferring another Done in
// the goroutine would count it twice, so no fix is offered.
func helperDone(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
			if x < 0 {
				return
			}
			finish(&wg)
		}()
	}
	wg.Wait()
}

func finish(wg *sync.WaitGroup) { wg.Done() }
