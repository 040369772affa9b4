// Package main: helpers that park with select {} and return an error only
// in a signature, wherever main calls them: select {} says "block here
// forever" on purpose, and is not reported.
package main

import (
	"errors"
	"log"
	"os"
)

func run(addr string) error {
	if addr == "" {
		return errors.New("no address")
	}
	select {}
}

func runAgain() error {
	select {}
}

func stallFirst() error {
	select {}
}

func main() {
	if len(os.Args) > 3 {
		if err := stallFirst(); err != nil {
			log.Print(err)
		}
		println("more to do")
	}
	if len(os.Args) > 2 {
		log.Fatal(runAgain())
	}
	if err := run(os.Args[1]); err != nil {
		log.Fatal(err)
	}
}
