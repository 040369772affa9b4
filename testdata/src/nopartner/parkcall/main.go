// Package main: a helper that main calls as its last statement (here in
// the last branch of its last if) and nothing else calls parks the process
// with select {}, as main itself would; so does one that such a helper
// returns right after calling (`return serve()`). The same park in a helper
// called anywhere else blocks its caller forever.
package main

import (
	"net/http"
	"os"
)

func serveForever(addr string) {
	go func() { _ = http.ListenAndServe(addr, nil) }()
	select {}
}

func stall() {
	select {} // want `select \{\} blocks forever outside main`
}

func serve() error {
	println("serving")
	select {}
}

func run(args []string) error {
	if len(args) == 0 {
		return nil
	}
	return serve()
}

// The twin's caller goes on after it: the park blocks it, not the process.
func serveAndLog() error {
	println("serving")
	select {} // want `select \{\} blocks forever outside main`
}

func runAndLog() error {
	err := serveAndLog()
	println("served")
	return err
}

func main() {
	if len(os.Args) > 2 {
		stall()
		println("not reached")
	}
	if len(os.Args) > 3 {
		_ = runAndLog()
		return
	}
	if len(os.Args) > 1 {
		serveForever(os.Args[1])
	} else if err := run(os.Args); err != nil {
		os.Exit(1)
	}
}
