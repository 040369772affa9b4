package leak

import (
	"io"
	"time"
)

// What the goroutines a function starts do on the path it leaves by: a
// receiver started on the timeout path takes the value the sender would
// otherwise block on (containerd's timeoutDialer), and a function started
// several times with constant arguments sends only where its guard on that
// argument lets it (client-go's stream copiers).

// goodDrainOnTimeout gives up waiting on the timeout, but starts a
// goroutine that takes the result when it comes.
func goodDrainOnTimeout(x int) int {
	ch := make(chan int)
	go func() {
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		go func() {
			v := <-ch
			sink(v)
		}()
		return -1
	}
}

// badDrainSometimes starts the drainer on one of the timeout's paths only.
func badDrainSometimes(x int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		if x > 0 {
			go func() {
				sink(<-ch)
			}()
		}
		return -1
	}
}

// badDrainMayLeave starts a drainer that may itself leave without
// receiving.
func badDrainMayLeave(x int, stop <-chan struct{}) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may leave by another select case`
		ch <- compute(x)
	}()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		go func() {
			select {
			case v := <-ch:
				sink(v)
			case <-stop:
			}
		}()
		return -1
	}
}

// goodGuardedCopiers starts the same copier three times; only the "out"
// and "err" copiers send, and the channel has room for both.
func goodGuardedCopiers(in, out, errs io.Reader) error {
	done := make(chan struct{}, 2)
	cp := func(kind string, r io.Reader) {
		io.Copy(io.Discard, r)
		if kind == "out" || kind == "err" {
			done <- struct{}{}
		}
	}
	go cp("in", in)
	go cp("out", out)
	go cp("err", errs)
	n := 0
	for {
		select {
		case <-done:
			n++
			if n == 2 {
				return nil
			}
		case <-time.After(time.Second):
			return io.ErrUnexpectedEOF
		}
	}
}

// badGuardedCopiers lets all three copiers pass the guard: one send more
// than the channel has room for.
func badGuardedCopiers(in, out, errs io.Reader) error {
	done := make(chan struct{}, 2)
	cp := func(kind string, r io.Reader) {
		io.Copy(io.Discard, r)
		if kind == "in" || kind == "out" || kind == "err" {
			done <- struct{}{}
		}
	}
	go cp("in", in) // want `goroutine leak: send on done blocks forever: the receiver may leave by another select case`
	go cp("out", out)
	go cp("err", errs)
	n := 0
	for {
		select {
		case <-done:
			n++
			if n == 2 {
				return nil
			}
		case <-time.After(time.Second):
			return io.ErrUnexpectedEOF
		}
	}
}

// goodSwitchSender sends only for the kinds a switch on its argument
// picks.
func goodSwitchSender(a, b io.Reader) error {
	done := make(chan struct{}, 1)
	cp := func(kind int, r io.Reader) {
		io.Copy(io.Discard, r)
		switch kind {
		case 1:
			done <- struct{}{}
		case 2:
		}
	}
	go cp(1, a)
	go cp(2, b)
	select {
	case <-done:
		return nil
	case <-time.After(time.Second):
		return io.ErrUnexpectedEOF
	}
}

// badSwitchSender sends for both.
func badSwitchSender(a, b io.Reader) error {
	done := make(chan struct{}, 1)
	cp := func(kind int, r io.Reader) {
		io.Copy(io.Discard, r)
		switch kind {
		case 1, 2:
			done <- struct{}{}
		}
	}
	go cp(1, a) // want `goroutine leak: send on done blocks forever: the receiver may leave by another select case`
	go cp(2, b)
	select {
	case <-done:
		return nil
	case <-time.After(time.Second):
		return io.ErrUnexpectedEOF
	}
}
