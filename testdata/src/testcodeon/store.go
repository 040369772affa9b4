// Package testcodeon is package testcode analysed with -testcode: the fake
// of store_test.go takes part in Refresh's interface call, and the test
// function's leak is reported.
package testcodeon

import "sync"

var mu sync.Mutex

type Getter interface{ Get() int }

func Refresh(g Getter) int {
	mu.Lock()
	defer mu.Unlock()
	return g.Get() // reported in the test variant only: see TestTestCode
}

func count() int {
	mu.Lock()
	defer mu.Unlock()
	return 1
}

func Total() int {
	mu.Lock()
	defer mu.Unlock()
	return count() // want `double lock: mu acquired while already held \(through count, which locks it on every path\)`
}
