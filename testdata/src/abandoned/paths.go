package abandoned

import (
	"errors"
	"log"
	"time"
)

func work() error { return nil }

// A select in a loop whose other case goes round again (a slow-operation
// warning) leaves only by the receive: the sender is always received from.
func waitWarn() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	for {
		select {
		case err := <-ch:
			return err
		case <-time.After(time.Second):
			log.Print("still waiting")
		}
	}
}

// Its twin gives up after the warning: the sender is left behind.
func waitGiveUp() error {
	ch := make(chan error)
	go func() { ch <- work() }() // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
	for i := 0; ; i++ {
		select {
		case err := <-ch:
			return err
		case <-time.After(time.Second):
			if i == 3 {
				return errors.New("timeout")
			}
		}
	}
}

// The goroutine is started only when async is set, and the function
// returns before the receive only when it is not: the two tests of one
// parameter agree, so no path starts the sender and skips the receive.
func maybeAsync(async bool) error {
	ch := make(chan error)
	if async {
		go func() { ch <- work() }()
	}
	if !async {
		return nil
	}
	return <-ch
}

// Its twin returns early on another condition.
func maybeAsyncEarly(async, quick bool) error {
	ch := make(chan error)
	if async {
		go func() { ch <- work() }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
	}
	if quick {
		return nil
	}
	return <-ch
}

func recvErr(ch chan error) error { return <-ch }

// On the early path the channel is handed to a goroutine that receives
// from it: the sender is received from on every path.
func handOff(quick bool) error {
	ch := make(chan error)
	go func() { ch <- work() }()
	if quick {
		go recvErr(ch)
		return nil
	}
	return recvErr(ch)
}

// Its twin hands it to a goroutine that may not receive.
func handOffMaybe(quick, drain bool) error {
	ch := make(chan error)
	go func() { ch <- work() }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving`
	if quick {
		go func() {
			if drain {
				<-ch
			}
		}()
		return nil
	}
	return recvErr(ch)
}

// The goroutine sends only after the gate opens, and the function opens
// it only on the path on which it receives: on the early path the
// goroutine waits on the gate (leak's claim, experimental), never on its
// send.
func gated(bad bool) int {
	start := make(chan struct{})
	res := make(chan int)
	go func() { // want `goroutine leak: receive from start blocks forever: it is closed on some paths only`
		<-start
		res <- 1
	}()
	if bad {
		return 0
	}
	close(start)
	return <-res
}

// Its twin opens the gate before it may return early: the send is reached
// and nobody receives it.
func gatedOpen(bad bool) int {
	start := make(chan struct{})
	res := make(chan int)
	go func() { // want `goroutine leak: send on res blocks forever: the receiver may return before receiving`
		<-start
		res <- 1
	}()
	close(start)
	if bad {
		return 0
	}
	return <-res
}
