package leak

import "time"

// A collector started on every path that receives in a select case inside
// a loop it never leaves (flushing on a ticker between values) takes every
// value sent, however many senders there are: nothing is left blocked. A
// collector that may leave its loop (a quit case) gives no such promise.

func collectForever(results <-chan int, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	n := 0
	for {
		select {
		case <-results:
			n++
		case <-t.C:
			sink(n)
			n = 0
		}
	}
}

func collectUntilQuit(results <-chan int, quit <-chan struct{}) {
	n := 0
	for {
		select {
		case <-results:
			n++
		case <-quit:
			sink(n)
			return
		}
	}
}

func reportTasks(tasks <-chan int, results chan<- int) {
	for t := range tasks {
		results <- t
		if t < 0 {
			time.AfterFunc(time.Millisecond, func() { sink(-t) })
		}
	}
}

// foreverCollectorGood's collector never leaves.
func foreverCollectorGood(items []int) {
	tasks, results := make(chan int), make(chan int)
	go collectForever(results, time.Second)
	for range 4 {
		go reportTasks(tasks, results)
	}
	for _, it := range items {
		tasks <- it
	}
	close(tasks)
}

// quittingCollectorBad's collector leaves when told to, with workers still
// sending.
func quittingCollectorBad(items []int) {
	tasks, results := make(chan int), make(chan int)
	quit := make(chan struct{})
	go collectUntilQuit(results, quit)
	for range 4 {
		go reportTasks(tasks, results) // want `goroutine leak: send on results blocks forever`
	}
	for _, it := range items {
		tasks <- it
	}
	close(tasks)
	close(quit)
}
