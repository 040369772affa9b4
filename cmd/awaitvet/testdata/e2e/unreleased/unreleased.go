// Package unreleased returns early with the lock still held.
package unreleased

import (
	"errors"
	"sync"
)

var errEmpty = errors.New("empty")

// Queue is a FIFO guarded by mu.
type Queue struct {
	mu    sync.Mutex
	items []int
}

// Pop forgets to unlock on the early return.
func (q *Queue) Pop() (int, error) {
	q.mu.Lock()
	if len(q.items) == 0 {
		return 0, errEmpty
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.mu.Unlock()
	return v, nil
}
