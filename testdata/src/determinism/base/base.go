// Package base locks two mutexes its caller names, in order.
package base

import "sync"

// Both locks a, then b.
func Both(a, b *sync.Mutex) {
	a.Lock()
	b.Lock()
	b.Unlock()
	a.Unlock()
}
