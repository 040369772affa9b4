// Package main: a helper that parks the process with select {} and returns
// an error only in a signature, called in the header of main's last if
// (or inside the arguments of its last call): what follows its return is
// that statement alone, so the park is main's own. Called in the header of
// an earlier statement, it blocks the rest of main.
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
	select {} // want `select \{\} blocks forever outside main`
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
