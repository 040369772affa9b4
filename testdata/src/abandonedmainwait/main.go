// Command abandonedmainwait: main defers a Wait for the goroutines it
// starts, so its return does not end the process: on the interrupt path the
// deferred Wait waits for a sender blocked forever.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
)

func work() int { return 1 }

func main() {
	var wg sync.WaitGroup
	defer wg.Wait()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	res := make(chan int)
	wg.Add(1)
	go func() { // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case`
		defer wg.Done()
		res <- work()
	}()
	select {
	case <-sig:
		fmt.Println("interrupted")
		return
	case v := <-res:
		fmt.Println(v)
	}
}
