// Command abandonedmain: a return of the program's main ends the process,
// and with it every goroutine: a sender left blocked when main returns is
// not blocked forever. The same select in any other function leaves its
// sender behind for as long as the program runs.
package main

import (
	"fmt"
	"os"
	"os/signal"
)

func work() int { return 1 }

// main leaves by the interrupt case only to return: the process ends.
func main() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	res := make(chan int)
	go func() { res <- work() }()
	select {
	case <-sig:
		fmt.Println("interrupted")
		return
	case v := <-res:
		fmt.Println(v)
	}
	serve(sig)
}

// serve is not main: when it returns by the interrupt case, main goes on
// and the sender stays blocked.
func serve(sig chan os.Signal) {
	res := make(chan int)
	go func() { res <- work() }() // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case`
	select {
	case <-sig:
		fmt.Println("interrupted")
		return
	case v := <-res:
		fmt.Println(v)
	}
}
