// Command abandonedrun: main ends the process after run on every path, by
// log.Fatal or by its own return, so a sender run leaves blocked ends with
// the program.
package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
)

func work() int { return 1 }

func main() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	if err := run(sig); err != nil {
		log.Fatal(err)
	}
}

// run leaves by the interrupt case only for main to end the process.
func run(sig chan os.Signal) error {
	res := make(chan int)
	go func() { res <- work() }()
	select {
	case <-sig:
		return errors.New("interrupted")
	case v := <-res:
		fmt.Println(v)
		return nil
	}
}
