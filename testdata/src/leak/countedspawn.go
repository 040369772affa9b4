package leak

import "sync"

// Goroutines started by a loop of a constant number of turns that nothing
// leaves early (for i := 0; i < 2; i++, for range 2) are that many, on
// every path: each receives once, so as many receives are certain as
// there are turns. A loop that may leave before its last turn starts
// fewer, and one turn fewer than the senders leaves a sender waiting.

func report(name string) string { return name + " done" }

// countedReceiversGood starts two receivers for two senders.
func countedReceiversGood() int {
	reports := make(chan string)
	go func() { reports <- report("data") }()
	go func() { reports <- report("index") }()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var got []string
	for range 2 {
		wg.Go(func() {
			r := <-reports
			mu.Lock()
			got = append(got, r)
			mu.Unlock()
		})
	}
	wg.Wait()
	return len(got)
}

// classicCountedReceiversGood does the same with a three-clause loop.
func classicCountedReceiversGood() {
	reports := make(chan string)
	go func() { reports <- report("data") }()
	go func() { reports <- report("index") }()
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-reports
		}()
	}
	wg.Wait()
}

// tooFewReceiversBad starts one receiver for two senders.
func tooFewReceiversBad() {
	reports := make(chan string)
	go func() { reports <- report("data") }()
	go func() { reports <- report("index") }() // want `goroutine leak: send on reports blocks forever: 2 send\(s\) happen on every path, but at most 1 receive\(s\) can`
	var wg sync.WaitGroup
	for range 1 {
		wg.Go(func() { <-reports })
	}
	wg.Wait()
}

// leftEarlyBad may leave its loop before it starts the second receiver.
func leftEarlyBad(stop func() bool) {
	reports := make(chan string)
	go func() { reports <- report("data") }() // want `goroutine leak: send on reports blocks forever: 2 send\(s\) but only 0 receive\(s\) are certain`
	go func() { reports <- report("index") }()
	var wg sync.WaitGroup
	for range 2 {
		if stop() {
			break
		}
		wg.Go(func() { <-reports })
	}
	wg.Wait()
}
