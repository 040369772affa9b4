package queue

import (
	"context"
	"sync"
)

type Queue struct {
	items chan int
	wg    sync.WaitGroup
}

func New(n int) *Queue { return &Queue{items: make(chan int, n)} }

func (q *Queue) Push(v int) { q.items <- v }

func (q *Queue) Run(ctx context.Context, workers int, f func(int)) {
	for i := 0; i < workers; i++ {
		q.wg.Add(1)
		go func() {
			defer q.wg.Done()
			for {
				select {
				case v := <-q.items:
					f(v)
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	q.wg.Wait()
}
