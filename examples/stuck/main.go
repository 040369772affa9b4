// Command stuck hangs on purpose, to show what awaitvet's runtime hook
// (package hook) says about a hung program, and what Go's own goroutine
// dump does not.
//
// It is the awaitwhat TL;DR in Go: gather starts job, which calls foo, bar,
// baz and leaf, which waits for an answer fetch was to send but gave up on;
// and next to it a hub whose Publish holds the hub's lock while it sends an
// event that run, waiting for the same lock, will never receive.
//
//	go run ./examples/stuck &       # then: kill -USR1 %1
//	go run ./examples/stuck -dump=1s
//	go run ./examples/stuck -http=localhost:6060 &
//	curl 'localhost:6060/debug/awaitvet?format=dot' | dot -Tsvg > live.svg
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"net/http"
	_ "net/http/pprof"
	"os"
	"sync"
	"time"

	"github.com/awaitvet/awaitvet/hook"
)

// graph is what "awaitvet graph -format=json ./examples/stuck" printed:
// the hook reads it to know which functions send on what leaf waits on.
// Regenerate it when the code moves: go generate ./examples/stuck
//
//go:generate sh -c "cd ../.. && go run ./cmd/awaitvet graph -format=json ./examples/stuck > examples/stuck/stuck.graph.json"
//go:embed stuck.graph.json
var graph []byte

// The two bugs are on purpose, and awaitvet's analyzer finds them too;
// the directives keep them out of the README's example output, which is
// about the other examples.
//
//awaitvet:ignore leak examples/stuck hangs on purpose, for the runtime hook
func main() {
	dump := flag.Duration("dump", 0, "print the chains to standard output after `d`, then exit (0: wait for SIGUSR1)")
	raw := flag.Bool("raw", false, "with -dump, print Go's own goroutine dump first")
	addr := flag.String("http", "", "serve the chains at http://`addr`/debug/awaitvet, next to /debug/pprof/")
	flag.Parse()
	stop := hook.Install(hook.WithGraphJSON(graph))
	defer stop()
	if *addr != "" {
		http.Handle("/debug/awaitvet", hook.Handler(hook.WithGraphJSON(graph)))
		go http.ListenAndServe(*addr, nil)
	}
	if *dump > 0 {
		time.AfterFunc(*dump, func() {
			s := hook.Take(true)
			if *raw {
				fmt.Printf("=== Go's dump\n%s\n=== awaitvet's chains\n", s.Dump)
			}
			hook.Analyze(s, hook.WithGraphJSON(graph)).WriteText(os.Stdout)
			os.Exit(0)
		})
	}
	fmt.Fprintf(os.Stderr, "stuck: pid %d, hanging; kill -USR1 %d for the chains\n", os.Getpid(), os.Getpid())

	go heartbeat()
	h := &Hub{events: make(chan string)}
	go h.run()
	go h.Publish("hello", "world")

	answers := make(chan int)
	go fetch(answers)
	gather(answers)
}

// heartbeat is a healthy goroutine: it sleeps, and keeps the runtime from
// declaring "all goroutines are asleep".
func heartbeat() {
	for {
		time.Sleep(50 * time.Millisecond)
	}
}

// gather starts the jobs and waits for all of them, like asyncio.gather.
func gather(answers chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		job(answers)
	}()
	wg.Wait()
}

func job(answers chan int) int { return foo(answers) + 1 }

func foo(answers chan int) int { return bar(answers) * 2 }

func bar(answers chan int) int { return baz(answers) - 3 }

func baz(answers chan int) int { return leaf(answers) }

func leaf(answers chan int) int {
	return <-answers
}

// fetch was to send the answer, but it gives up first: nothing else ever
// sends on answers.
func fetch(answers chan int) {
	if err := dial(); err != nil {
		return
	}
	answers <- 42
}

func dial() error { return errors.New("connection refused") }

// A Hub fans events out to its run loop.
type Hub struct {
	mu     hook.Mutex
	events chan string
	log    []string
}

// Publish sends the events while it holds the lock run needs to record
// them: run takes the first, then waits for the lock; Publish waits for run
// to take the second.
//
//awaitvet:ignore commcycle examples/stuck hangs on purpose, for the runtime hook
func (h *Hub) Publish(evs ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, ev := range evs {
		h.events <- ev
	}
}

func (h *Hub) run() {
	for ev := range h.events {
		h.mu.Lock()
		h.log = append(h.log, ev)
		h.mu.Unlock()
	}
}
