// Package awaitwhat is the awaitwhat example: Work starts job under a
// WaitGroup and waits for it; job calls foo, bar, baz and leaf, and leaf
// receives from a package-level channel that nothing in the package sends
// on or closes. Beside it, the same chain on a channel that a feeder sends
// on stays silent.
package awaitwhat

import "sync"

var results = make(chan int)

// Work waits for job, which never returns.
func Work() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		job()
	}()
	wg.Wait()
}

func job() int { return foo() + 1 }

func foo() int { return bar() * 2 }

func bar() int { return baz() - 3 }

func baz() int { return leaf() }

func leaf() int {
	return <-results // want `no sender: receive from results blocks forever: nothing in the package sends on or closes it`
}

// The fixed twin: answer feeds answers.

var answers = make(chan int)

func GoodWork() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		goodJob()
	}()
	go answer()
	wg.Wait()
}

func goodJob() int { return <-answers }

func answer() { answers <- 42 }
