package neverclosed

import "sync"

// A channel used as a queue of tokens its workers take and give back: each
// worker puts one on the queue before it ranges over it, and every turn of
// its range either puts one back or leaves the loop. While a worker waits
// in the range, every worker still in its loop has put in one token more
// than it holds, so the queue holds one for it: nothing needs to close the
// queue for the workers to finish. A worker that may go round without
// giving a token back, one that ranges before it puts one in, or another
// receiver that takes tokens, breaks the count.

type attempt struct {
	host  string
	tries int
}

// retryGood queries each host, retrying a failed one through the queue;
// every worker leaves its range by return.
func retryGood(hosts []string, level int, op func(string) error) []error {
	results := make(chan error, len(hosts))
	queue := make(chan attempt, len(hosts))
	for i := level; i < len(hosts); i++ {
		queue <- attempt{host: hosts[i]}
	}
	var wg sync.WaitGroup
	wg.Add(level)
	for i := 0; i < level; i++ {
		go func(i int) {
			defer wg.Done()
			if err := op(hosts[i]); err == nil {
				results <- nil
				return
			}
			queue <- attempt{host: hosts[i]}
			for a := range queue {
				err := op(a.host)
				if err == nil || a.tries == 2 {
					results <- err
					return
				}
				a.tries++
				queue <- a
			}
		}(i)
	}
	wg.Wait()
	close(results)
	var errs []error
	for err := range results {
		errs = append(errs, err)
	}
	return errs
}

// retryDropBad drops a host that fails twice without giving its token
// back and goes round again: the last worker can wait on an empty queue.
func retryDropBad(hosts []string, level int, op func(string) error) {
	queue := make(chan attempt, len(hosts))
	for i := level; i < len(hosts); i++ {
		queue <- attempt{host: hosts[i]}
	}
	var wg sync.WaitGroup
	wg.Add(level)
	for i := 0; i < level; i++ {
		go func(i int) {
			defer wg.Done()
			queue <- attempt{host: hosts[i]}
			for a := range queue { // want `range over queue never ends: nothing closes queue`
				if op(a.host) == nil {
					return
				}
				if a.tries == 2 {
					continue
				}
				a.tries++
				queue <- a
			}
		}(i)
	}
	wg.Wait()
}

// retryNoTokenBad's workers range before they put anything in.
func retryNoTokenBad(hosts []string, level int, op func(string) error) {
	queue := make(chan attempt, len(hosts))
	for _, h := range hosts {
		queue <- attempt{host: h}
	}
	var wg sync.WaitGroup
	wg.Add(level)
	for i := 0; i < level; i++ {
		go func() {
			defer wg.Done()
			for a := range queue { // want `range over queue never ends: nothing closes queue`
				if op(a.host) == nil {
					return
				}
				queue <- a
			}
		}()
	}
	wg.Wait()
}

// retryStolenBad gives the tokens back, but the starter takes one.
func retryStolenBad(hosts []string, level int, op func(string) error) {
	queue := make(chan attempt, len(hosts)+level)
	var wg sync.WaitGroup
	wg.Add(level)
	for i := 0; i < level; i++ {
		go func(i int) {
			defer wg.Done()
			queue <- attempt{host: hosts[i]}
			for a := range queue { // want `range over queue never ends: nothing closes queue`
				if op(a.host) == nil {
					return
				}
				queue <- a
			}
		}(i)
	}
	<-queue
	wg.Wait()
}
