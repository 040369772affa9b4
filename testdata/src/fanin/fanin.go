// Package fanin: goroutines started in a loop that each send once on an
// unbuffered channel their starter receives from a fixed number of times.
package fanin

import (
	"sync"
	"sync/atomic"
)

func get(u string) string { return u }

// First result wins: every other sender blocks forever.
func first(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		go func() { // want `goroutine leak: send on ch blocks forever: goroutines started in a loop send, but only 1 receive\(s\) are certain`
			ch <- get(u)
		}()
	}
	return <-ch
}

// Fixed twin: room for every sender.
func firstBuffered(urls []string) string {
	ch := make(chan string, len(urls))
	for _, u := range urls {
		go func() {
			ch <- get(u)
		}()
	}
	return <-ch
}

// Fixed twin: one receive per goroutine started.
func all(urls []string) []string {
	ch := make(chan string)
	for _, u := range urls {
		go func() {
			ch <- get(u)
		}()
	}
	var out []string
	for range urls {
		out = append(out, <-ch)
	}
	return out
}

// Not fanin's: one goroutine that sends in a loop against one receive is
// leak's (it rests on counting the loop's iterations).
func producer(items []string) string {
	ch := make(chan string)
	go func() { // want `goroutine leak: send on ch blocks forever: a goroutine sends in a loop, but only 1 receive\(s\) are certain`
		for _, it := range items {
			ch <- it
		}
	}()
	return <-ch
}

// A suppression written for leak, before fanin was split out of it, still
// holds.
func firstSuppressed(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		//awaitvet:ignore leak only the first answer matters; the rest are abandoned on purpose
		go func() {
			ch <- get(u)
		}()
	}
	return <-ch
}

// A send only some goroutines make (the one that wins a CompareAndSwap, the
// last one out of a counter, the one inside once.Do) is not "each sends
// once": fanin claims nothing. The experimental leak check, which counts
// the sends that may happen against the receives that are certain, still
// makes its claim.
func firstWinner(urls []string) string {
	ch := make(chan string)
	var won atomic.Bool
	for _, u := range urls {
		go func() { // want `goroutine leak: send on ch blocks forever: goroutines started in a loop send, but only 1 receive\(s\) are certain`
			v := get(u)
			if won.CompareAndSwap(false, true) {
				ch <- v
			}
		}()
	}
	return <-ch
}

func lastOut(urls []string) {
	done := make(chan struct{})
	var left atomic.Int32
	left.Store(int32(len(urls)))
	for _, u := range urls {
		go func() { // want `goroutine leak: send on done blocks forever: goroutines started in a loop send, but only 1 receive\(s\) are certain`
			get(u)
			if left.Add(-1) == 0 {
				done <- struct{}{}
			}
		}()
	}
	<-done
}

// One Once shared by the goroutines: only the first Do runs its function,
// so one value is sent in all, and the one receive takes it (silent, by
// leak as by fanin). The twin gives each goroutine a Once of its own: each
// sends, and all but one block.
func firstOnce(urls []string) string {
	ch := make(chan string)
	var once sync.Once
	for _, u := range urls {
		go func() {
			v := get(u)
			once.Do(func() { ch <- v })
		}()
	}
	return <-ch
}

func eachOnce(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		go func() { // want `goroutine leak: send on ch blocks forever: goroutines started in a loop send, but only 1 receive\(s\) are certain`
			var once sync.Once
			v := get(u)
			once.Do(func() { ch <- v })
		}()
	}
	return <-ch
}

func iterationOnce(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		var once sync.Once
		go func() { // want `goroutine leak: send on ch blocks forever: goroutines started in a loop send, but only 1 receive\(s\) are certain`
			v := get(u)
			once.Do(func() { ch <- v })
		}()
	}
	return <-ch
}
