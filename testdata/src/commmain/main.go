// Package main: the program's main goroutine is a goroutine like those go
// statements start. Here it receives from a channel field (through
// consume) and takes the lock between its receives, while the producer it
// started sends holding that lock: each waits for the other. The twin's
// producer lets go of the lock before it sends.
package main

import "sync"

type handoff struct {
	mu    sync.Mutex
	seq   int
	items chan int
}

func (h *handoff) produce(n int) {
	defer close(h.items)
	for i := 0; i < n; i++ {
		h.mu.Lock()
		h.seq++
		h.items <- h.seq // want `communication deadlock: send on \(\*handoff\)\.items while holding \(\*handoff\)\.mu; the receiver takes \(\*handoff\)\.mu first; main runs both at once`
		h.mu.Unlock()
	}
}

func (h *handoff) consume() int {
	sum := 0
	for v := range h.items {
		h.mu.Lock()
		sum += v
		h.mu.Unlock()
	}
	return sum
}

type relay struct {
	mu    sync.Mutex
	seq   int
	items chan int
}

func (r *relay) produce(n int) {
	defer close(r.items)
	for i := 0; i < n; i++ {
		r.mu.Lock()
		r.seq++
		v := r.seq
		r.mu.Unlock()
		r.items <- v
	}
}

func (r *relay) consume() int {
	sum := 0
	for v := range r.items {
		r.mu.Lock()
		sum += v
		r.mu.Unlock()
	}
	return sum
}

func main() {
	h := &handoff{items: make(chan int)}
	go h.produce(1000)
	println(h.consume())

	r := &relay{items: make(chan int)}
	go r.produce(1000)
	println(r.consume())
}
