// Package testcode is analysed with its test files loaded (as go vet and
// the standalone driver do by default), and test code left out of the
// model: the fake in store_test.go, which would make Refresh lock mu twice
// through the interface call, and the leaking test function there are not
// reported. The real double lock below is, with or without tests loaded.
// Package testcodeon is the same code analysed with -testcode.
package testcode

import "sync"

var mu sync.Mutex

// A Getter is implemented by store_test.go's fake only.
type Getter interface{ Get() int }

// Refresh calls g under mu: no implementation of Getter in the production
// code locks mu.
func Refresh(g Getter) int {
	mu.Lock()
	defer mu.Unlock()
	return g.Get()
}

func count() int {
	mu.Lock()
	defer mu.Unlock()
	return 1
}

// Total is the buggy twin: a double lock in production code.
func Total() int {
	mu.Lock()
	defer mu.Unlock()
	return count() // want `double lock: mu acquired while already held \(through count, which locks it on every path\)`
}
