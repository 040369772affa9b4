package waitgroup

import "sync"

// WaitGroup.Wait inside a goroutine that the same WaitGroup counts: the
// goroutine's own Done cannot run before its Wait returns, so the Wait never
// returns. Reported at the Wait. The fix is to wait outside the counted
// goroutines (for example in an uncounted closer goroutine).

// Crawler fans out fetches counted by wg and closes out when all are done.
type Crawler struct {
	wg  sync.WaitGroup
	out chan string
}

// NewCrawler makes the results channel.
func NewCrawler() *Crawler { return &Crawler{out: make(chan string)} }

// collect receives results until the closer goroutine closes c.out.
func (c *Crawler) collect() []string {
	var urls []string
	for u := range c.out {
		urls = append(urls, u)
	}
	return urls
}

// badCloser: the goroutine that closes out is itself counted by wg.
func badCloser(jobs []int) <-chan int {
	out := make(chan int, len(jobs))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- j * 2
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
		close(out)
	}()
	return out
}

// goodCloser's closer goroutine is not counted.
func goodCloser(jobs []int) <-chan int {
	out := make(chan int, len(jobs))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- j * 2
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// superviseBad is started as a counted goroutine and waits on the same wg.
func superviseBad(wg *sync.WaitGroup, out chan<- int) {
	defer wg.Done()
	wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
	close(out)
}

// superviseGood only waits; it is started without Add.
func superviseGood(wg *sync.WaitGroup, out chan<- int) {
	wg.Wait()
	close(out)
}

// badNamedSelfWait counts the supervisor goroutine in the wg it waits on.
func badNamedSelfWait(jobs []int) <-chan int {
	out := make(chan int, len(jobs))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- j + 1
		}()
	}
	wg.Add(1)
	go superviseBad(&wg, out)
	return out
}

// goodNamedSelfWait starts the supervisor without counting it.
func goodNamedSelfWait(jobs []int) <-chan int {
	out := make(chan int, len(jobs))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- j + 1
		}()
	}
	go superviseGood(&wg, out)
	return out
}

// badFieldSelfWait: the goroutine that closes c.out is counted by c.wg.
func (c *Crawler) badFieldSelfWait(urls []string) {
	for _, u := range urls {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			c.out <- u
		}()
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.wg.Wait() // want `WaitGroup\.Wait inside a goroutine that \(\*Crawler\)\.wg counts: it waits for itself`
		close(c.out)
	}()
}

// goodFieldSelfWait's closer goroutine is not counted.
func (c *Crawler) goodFieldSelfWait(urls []string) {
	for _, u := range urls {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			c.out <- u
		}()
	}
	go func() {
		c.wg.Wait()
		close(c.out)
	}()
}

// badGoSelfWait: wg.Go counts the closer goroutine, which then waits on wg.
func badGoSelfWait(jobs []int) <-chan int {
	out := make(chan int, len(jobs))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() { out <- j * 3 })
	}
	wg.Go(func() {
		wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
		close(out)
	})
	return out
}

// goodGoSelfWait starts the closer with a plain go statement.
func goodGoSelfWait(jobs []int) <-chan int {
	out := make(chan int, len(jobs))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() { out <- j * 3 })
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// badMerge (generic): the closer goroutine is counted by the wg it waits on.
func badMerge[T any](ins ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				out <- v
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
		close(out)
	}()
	return out
}

// goodMerge (generic) does not count the closer goroutine.
func goodMerge[T any](ins ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// badNestedWait: each group goroutine waits for its children on the wg that
// also counts the group goroutine itself.
func badNestedWait(groups [][]string) {
	var wg sync.WaitGroup
	for _, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range g {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_ = process(s)
				}()
			}
			wg.Wait() // want `WaitGroup\.Wait inside a goroutine that wg counts: it waits for itself`
		}()
	}
	wg.Wait()
}

// goodNestedWait gives each group goroutine its own WaitGroup for its children.
func goodNestedWait(groups [][]string) {
	var wg sync.WaitGroup
	for _, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var inner sync.WaitGroup
			for _, s := range g {
				inner.Add(1)
				go func() {
					defer inner.Done()
					_ = process(s)
				}()
			}
			inner.Wait()
		}()
	}
	wg.Wait()
}

// tracker counts the serve calls in progress, as http.Server does with its
// listeners: serve adds for itself and is done when it returns.
type tracker struct {
	mu     sync.Mutex
	wg     sync.WaitGroup
	closed bool
}

func (t *tracker) track(add bool) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if add {
		if t.closed {
			return false
		}
		t.wg.Add(1)
	} else {
		t.wg.Done()
	}
	return true
}

func (t *tracker) serve() {
	if !t.track(true) {
		return
	}
	defer t.track(false)
	_ = process("serve")
}

func (t *tracker) close() {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	t.wg.Wait()
}

// goodServeThenClose closes the tracker after its own serve has returned:
// the goroutine holds no count of t.wg when it waits.
func goodServeThenClose(t *tracker, done chan bool) {
	go func() {
		t.serve()
		t.close()
		done <- true
	}()
}
