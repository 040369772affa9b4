// Package user locks and, on one path, calls another package's helpers that
// never return (the path ends there) or may return (the lock stays held).
package user

import (
	"sync"

	"noreturn/fatal"
)

var mu sync.Mutex

// goodExit's early return is dead code after fatal.Exitf.
func goodExit(n int) int {
	mu.Lock()
	if n < 0 {
		fatal.Exitf("negative: %d", n)
		return 0
	}
	mu.Unlock()
	return n
}

// badExitIf's helper returns when err is nil, and then the lock stays held.
func badExitIf(n int, err error) int {
	mu.Lock()
	if n < 0 {
		fatal.ExitIf(err)
		return 0 // want `lock not released: mu is still held when this path returns`
	}
	mu.Unlock()
	return n
}
