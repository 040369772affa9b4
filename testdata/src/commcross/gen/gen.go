// Package gen is the upstream half of the cross-package channel tests: it
// exports goroutine-starting generators and a worker that ranges over its
// parameter. None of them is wrong by itself, so gen has no want
// comments; the findings are expected in commcross/use, where a caller
// abandons a generator or never closes the worker's channel, and they can
// only be connected through facts exported by gen.
package gen

import (
	"context"
	"sync"
)

// Numbers sends 0..n-1 on the returned channel and closes it. It ignores
// ctx: a caller that stops reading early leaves its goroutine blocked.
func Numbers(ctx context.Context, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

// NumbersCtx is Numbers with every send selecting on ctx.Done().
func NumbersCtx(ctx context.Context, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// Fetch computes x in a goroutine and sends the result on an unbuffered channel.
func Fetch(x int) <-chan int {
	ch := make(chan int)
	go func() { ch <- x * 2 }()
	return ch
}

// FetchBuffered is Fetch with a channel buffered 1.
func FetchBuffered(x int) <-chan int {
	ch := make(chan int, 1)
	go func() { ch <- x * 2 }()
	return ch
}

// Worker handles jobs until the channel is closed.
func Worker(jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		_ = j
	}
}

// Drain receives from jobs until the channel is closed.
func Drain(jobs <-chan int) int {
	n := 0
	for range jobs {
		n++
	}
	return n
}
