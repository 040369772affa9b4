// Command abba deadlocks: two goroutines take two locks in opposite
// orders, each holding its first when it asks for the second, and main
// waits for both. The runtime finds every goroutine asleep.
package main

import "sync"

var a, b sync.Mutex

func ab(both, done *sync.WaitGroup) {
	defer done.Done()
	a.Lock()
	both.Done()
	both.Wait()
	b.Lock() // waits for ba, which holds b
	b.Unlock()
	a.Unlock()
}

func ba(both, done *sync.WaitGroup) {
	defer done.Done()
	b.Lock()
	both.Done()
	both.Wait()
	a.Lock() // waits for ab, which holds a
	a.Unlock()
	b.Unlock()
}

func main() {
	var both, done sync.WaitGroup
	both.Add(2)
	done.Add(2)
	go ab(&both, &done)
	go ba(&both, &done)
	done.Wait()
}
