// Package main: helpers that park with select {}, whether main calls them
// last (the park is the process's) or earlier: select {} says "block here
// forever" on purpose, and is not reported.
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
	select {}
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
