// Command oversendmain: a one-shot command that asks two sources in turn,
// prints the first answer and returns (or exits on an error). The second
// send is never received, but main's return ends the process, and the
// sender with it: nothing is blocked forever. The same goroutine in a function whose caller goes on
// is left behind, and so is one main waits for (a WaitGroup's Wait never
// returns).
package main

import (
	"fmt"
	"os"
	"sync"
)

func resolve(src string) string { return src + ":10.0.0.1" }

func main() {
	answers := make(chan string)
	go func() {
		answers <- resolve("agent")
		answers <- resolve("catalog")
	}()
	a := <-answers
	if a == "" {
		fmt.Fprintln(os.Stderr, "no answer")
		os.Exit(1)
	}
	fmt.Println(a)
	for range 3 {
		fmt.Println(lookup())
	}
	waited()
}

// lookup returns to a caller that goes on: the second sender stays blocked.
func lookup() string {
	answers := make(chan string)
	go func() { // want `goroutine leak: send on answers blocks forever: 2 send\(s\) happen on every path, but at most 1 receive\(s\) can`
		answers <- resolve("agent")
		answers <- resolve("catalog")
	}()
	return <-answers
}

// waited waits for the sender, which never ends.
func waited() {
	var wg sync.WaitGroup
	answers := make(chan string)
	wg.Add(1)
	go func() { // want `goroutine leak: send on answers blocks forever: 2 send\(s\) happen on every path, but at most 1 receive\(s\) can`
		defer wg.Done()
		answers <- resolve("agent")
		answers <- resolve("catalog")
	}()
	fmt.Println(<-answers)
	wg.Wait()
}
