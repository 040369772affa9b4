// Command abandonedmain: a return of the program's main ends the process,
// and with it every goroutine: a sender left blocked when main returns is
// not blocked forever. So does the return of a function every call of which
// ends the process after it (main's `if err := run(); err != nil {
// log.Fatal(err) }`). The same select in a function whose caller goes on
// leaves its sender behind for as long as the program runs.
package main

import (
	"errors"
	"fmt"
	"log"
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
	if err := run(sig); err != nil {
		log.Fatal(err)
	}
	for {
		serve(sig)
	}
}

// run is called once, by main, which ends the process after it only when
// it fails (log.Fatal): on success main goes on to serve's loop, and a
// sender run left behind stays blocked (abandonedrun has the twin whose
// caller ends on both).
func run(sig chan os.Signal) error {
	res := make(chan int)
	go func() { res <- work() }() // want `goroutine leak: send on res blocks forever: the receiver may leave by another select case`
	select {
	case <-sig:
		return errors.New("interrupted")
	case v := <-res:
		fmt.Println(v)
		return nil
	}
}

// serve is called in a loop: when it returns by the interrupt case, main
// goes on and the sender stays blocked.
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
