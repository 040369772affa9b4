package leak

import "time"

// Orders the send and receive counts alone do not show: a receive that is a
// select case on one path and a plain receive on the other (etcd's
// OpenBackend), senders started one after another's value was received,
// and a buffered channel used as a semaphore whose token is sent before
// each goroutine that gives it back is started (etcd's server.go:900).

// goodWaitAnyway logs when the result is slow and then waits for it anyway.
func goodWaitAnyway(x int) int {
	ch := make(chan int)
	go func() {
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		sink(-1)
	}
	return <-ch
}

// badGiveUp returns on the timeout instead.
func badGiveUp(x int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		sink(-1)
	}
	return -1
}

// badTimeoutPanics: the other way out panics; that path still strands the
// sender.
func badTimeoutPanics(x int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		panic("slow")
	}
}

// goodSemaphore starts each worker only after its token was sent; the
// worker gives it back.
func goodSemaphore(items []int, stop chan struct{}) {
	c := make(chan struct{}, 4)
	for _, it := range items {
		select {
		case c <- struct{}{}:
		case <-stop:
			return
		}
		go func() {
			sink(it)
			<-c
		}()
	}
}

// badSemaphoreTwice: each worker takes two tokens for the one sent.
func badSemaphoreTwice(items []int, stop chan struct{}) {
	c := make(chan struct{}, 4)
	for _, it := range items {
		select {
		case c <- struct{}{}:
		case <-stop:
			return
		}
		go func() { // want `goroutine leak: receive from c blocks forever`
			sink(it)
			<-c
			<-c
		}()
	}
}

// badSemaphoreAfter: the token is sent after the worker is started, and
// only if stop is not closed.
func badSemaphoreAfter(items []int, stop chan struct{}) {
	c := make(chan struct{}, 4)
	for _, it := range items {
		go func() { // want `goroutine leak: receive from c blocks forever`
			sink(it)
			<-c
		}()
		select {
		case c <- struct{}{}:
		case <-stop:
			return
		}
	}
}

// goodOneAtATime starts each sender after the previous value was received
// (grpc's bufconn_test.go:231): at most one value is ever pending, and the
// buffer holds two.
func goodOneAtATime(x int) {
	sig := make(chan int, 2)
	go func() { sig <- compute(x) }()
	select {
	case v := <-sig:
		sink(v)
	case <-time.After(time.Second):
		panic("slow")
	}
	go func() { sig <- compute(x + 1) }()
	select {
	case v := <-sig:
		sink(v)
	case <-time.After(time.Second):
		panic("slow")
	}
	go func() { sig <- compute(x + 2) }()
	select {
	case v := <-sig:
		sink(v)
	case <-time.After(time.Second):
		panic("slow")
	}
}

// badAllAtOnce starts the three senders first: the buffer holds one, and
// the receiver may give up after the first value.
func badAllAtOnce(x int) {
	sig := make(chan int, 1)
	go func() { sig <- compute(x) }() // want `goroutine leak: send on sig blocks forever: the receiver may leave by another select case`
	go func() { sig <- compute(x + 1) }()
	go func() { sig <- compute(x + 2) }()
	for i := 0; i < 3; i++ {
		select {
		case v := <-sig:
			sink(v)
		case <-time.After(time.Second):
			return
		}
	}
}

// attach starts f as a goroutine unless stopping is closed (etcd's
// GoAttach): one goroutine per call at most.
func attach(stopping chan struct{}, f func()) {
	select {
	case <-stopping:
		return
	default:
	}
	go f()
}

// goodSemaphoreAttach is goodSemaphore with the workers started by attach.
func goodSemaphoreAttach(items []int, stop chan struct{}) {
	c := make(chan struct{}, 4)
	for _, it := range items {
		select {
		case c <- struct{}{}:
		case <-stop:
			return
		}
		attach(stop, func() {
			sink(it)
			<-c
		})
	}
}
