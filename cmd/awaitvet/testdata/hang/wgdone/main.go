// Command wgdone waits for workers one of which returns without calling
// Done: the runtime finds every goroutine asleep.
package main

import (
	"fmt"
	"sync"
)

func work(i int, wg *sync.WaitGroup) {
	if i == 2 {
		return // forgets wg.Done
	}
	wg.Done()
}

func main() {
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go work(i, &wg)
	}
	wg.Wait()
	fmt.Println("done")
}
