// Package main: a helper that main calls as its last statement (here in
// the last branch of its last if) and nothing else calls parks the process
// with select {}, as main itself would. The same park in a helper called
// anywhere else blocks its caller forever.
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

func main() {
	if len(os.Args) > 2 {
		stall()
		println("not reached")
	}
	if len(os.Args) > 1 {
		serveForever(os.Args[1])
	}
}
