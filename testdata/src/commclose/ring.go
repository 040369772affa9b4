package commclose

// Three goroutines in a ring: each receives before it sends to the next.
func Ring3() int {
	a, b, c := make(chan int), make(chan int), make(chan int)
	go func() {
		v := <-a // want `communication deadlock: receive from a in a ring of 3 goroutines waiting on a, c, b; each sends only after its own receive`
		b <- v + 1
	}()
	go func() {
		v := <-b
		c <- v + 1
	}()
	v := <-c
	a <- v
	return v
}

// Fixed: the owner sends first, starting the values around the ring.
func GoodRing3() int {
	a, b, c := make(chan int), make(chan int), make(chan int)
	go func() {
		v := <-a
		b <- v + 1
	}()
	go func() {
		v := <-b
		c <- v + 1
	}()
	a <- 1
	return <-c
}

// Four goroutines, the owner outside the ring: it starts the ring's
// goroutines, which wait on each other.
func Ring4() {
	a, b, c, d := make(chan int), make(chan int), make(chan int), make(chan int)
	go func() { // the first in the source waits on a, which only the last sends on
		v := <-a // want `communication deadlock: receive from a in a ring of 4 goroutines waiting on a, d, c, b; each sends only after its own receive`
		b <- v
	}()
	go func() {
		v := <-b
		c <- v
	}()
	go func() {
		v := <-c
		d <- v
	}()
	go func() {
		v := <-d
		a <- v
	}()
}

// Silent: a close may end a wait of the ring.
func GoodRingClosed() {
	a, b, c := make(chan int), make(chan int), make(chan int)
	go func() {
		v := <-a
		b <- v
	}()
	go func() {
		v := <-b
		c <- v
	}()
	go func() {
		defer close(a)
		v := <-c
		a <- v
	}()
}
