package nopartner

import "context"

// A channel handed to a goroutine by the address of the variable that
// holds it: the goroutine closes *done, which its summary names by its
// parameter, not by the starter's name for the channel, so the starter
// makes no claim on the channel. The twin hands the address to a plain
// call that only reads it: the receive still has no sender.

func interruptor(started, done *chan struct{}, ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-*started:
	}
	close(*done)
}

func runInterruptible(ctx context.Context) {
	started := make(chan struct{})
	done := make(chan struct{})
	go interruptor(&started, &done, ctx)
	close(started)
	<-done
}

func capOf(ch *chan struct{}) int { return cap(*ch) }

func runLooked() int {
	done := make(chan struct{})
	n := capOf(&done)
	<-done // want `no sender: receive from done blocks forever`
	return n
}
