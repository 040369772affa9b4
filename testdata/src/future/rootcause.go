package future

import "sync"

// Root causes: the Wait that never returns because a worker leaks is part
// of the leak's finding, and a suppression of the leak silences the Wait
// with it (the user has said the worker's block is intended).

// suppressedFirstResult takes the first result only, and says so: the
// workers left blocked are accepted, so their Wait is not reported either.
func suppressedFirstResult(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int, 1) // room for one: a count, leak's claim, not fanin's
	for _, x := range xs {
		wg.Add(1)
		//awaitvet:ignore leak the remaining workers are abandoned on purpose in this sketch
		go func() {
			defer wg.Done()
			ch <- work(x)
		}()
	}
	v := <-ch
	wg.Wait()
	return v
}

// unsuppressedFirstResult is the same without the directive: one finding,
// the leak, whose chain ends at the Wait it hangs.
func unsuppressedFirstResult(xs []int) int {
	var wg sync.WaitGroup
	ch := make(chan int, 1) // room for one: a count, leak's claim, not fanin's
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
