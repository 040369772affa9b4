package commclose

import "time"

// A channel let out only as a receive-only one (<-chan) can be closed by
// nothing but its maker: when the maker only defers its close, a receive
// of the maker's own waits for its own return, whatever name it reaches
// the channel by.

type pollFunc func(done <-chan struct{}) <-chan struct{}

// waitUntil calls wait once with done and polls what it returns.
func waitUntil(wait pollFunc, cond func() bool, done <-chan struct{}) {
	c := wait(done)
	for {
		_, open := <-c
		if cond() || !open {
			return
		}
	}
}

func ticker(d time.Duration) pollFunc {
	return func(done <-chan struct{}) <-chan struct{} {
		ch := make(chan struct{})
		go func() {
			defer close(ch)
			t := time.NewTicker(d)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					select {
					case ch <- struct{}{}:
					default:
					}
				case <-done:
					return
				}
			}
		}()
		return ch
	}
}

// The callback keeps the done channel waitUntil hands it; the receive
// that follows is on stop, which only the deferred close ends.
func KeptByCallback() {
	stop := make(chan struct{})
	defer close(stop)
	poll := ticker(time.Millisecond)
	var doneCh <-chan struct{}
	waitUntil(func(done <-chan struct{}) <-chan struct{} {
		doneCh = done
		return poll(done)
	}, func() bool { return true }, stop)
	<-doneCh // want `communication deadlock: receive from doneCh \(stop, set by a callback\) waits for its own deferred close, which runs only after the function returns`
}

// Silent: the close comes before the receive.
func KeptByCallbackClosed() {
	stop := make(chan struct{})
	poll := ticker(time.Millisecond)
	var doneCh <-chan struct{}
	waitUntil(func(done <-chan struct{}) <-chan struct{} {
		doneCh = done
		return poll(done)
	}, func() bool { return true }, stop)
	close(stop)
	<-doneCh
}

// A callback called here directly.
func SetDirectly() {
	stop := make(chan struct{})
	defer close(stop)
	var doneCh <-chan struct{}
	set := func(d <-chan struct{}) { doneCh = d }
	set(stop)
	<-doneCh // want `communication deadlock: receive from doneCh \(stop, set by a callback\) waits for its own deferred close`
}

// Silent: the channel is let out as one that can be closed (a callee
// that may close it is not one this package can see through).
func SetHandedOn(closeIt func(chan struct{})) {
	stop := make(chan struct{})
	defer close(stop)
	var doneCh <-chan struct{}
	set := func(d <-chan struct{}) { doneCh = d }
	set(stop)
	go closeIt(stop)
	<-doneCh
}

// Silent: the callback is also kept, so it may set the cell to another
// channel later.
var kept func(<-chan struct{})

func SetKept(other <-chan struct{}) {
	stop := make(chan struct{})
	defer close(stop)
	var doneCh <-chan struct{}
	set := func(d <-chan struct{}) { doneCh = d }
	kept = set
	set(stop)
	<-doneCh
}

// Silent: the cell is set to either of two channels.
func SetEither(other <-chan struct{}) {
	stop := make(chan struct{})
	defer close(stop)
	var doneCh <-chan struct{}
	set := func(d <-chan struct{}) { doneCh = d }
	set(stop)
	set(other)
	<-doneCh
}

// Silent: let out only as receive-only, but the receive is in a select
// with another way out.
func RecvOnlyWithTimeout(watch func(<-chan struct{})) {
	stop := make(chan struct{})
	defer close(stop)
	go watch(stop)
	select {
	case <-stop:
	case <-time.After(time.Millisecond):
	}
}

// The same without the other case: nothing but the deferred close ends it.
func RecvOnlyHandedOut(watch func(<-chan struct{})) {
	stop := make(chan struct{})
	defer close(stop)
	go watch(stop)
	<-stop // want `communication deadlock: receive from stop waits for its own deferred close`
}
