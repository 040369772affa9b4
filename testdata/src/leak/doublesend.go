package leak

import (
	"errors"
	"fmt"
)

// A helper that must send one reply may send two when it is handed an
// error, because the error branch does not return. Its starter receives
// once after each start, so the first goroutine is served before the
// second starts: the one left blocked is the second, and that is the
// goroutine the finding names.

func replyTwice(ch chan any, err error) {
	if err != nil {
		ch <- nil
	}
	ch <- struct{}{}
}

func badDoubleSend() {
	ch := make(chan any)
	go func() {
		replyTwice(ch, nil)
	}()
	<-ch
	go func() { // want `goroutine leak: send on ch blocks forever: 3 send\(s\) happen on every path, but at most 2 receive\(s\) can`
		replyTwice(ch, fmt.Errorf("code %d", 3))
	}()
	<-ch
}

// replyOnce returns after the error reply.
func replyOnce(ch chan any, err error) {
	if err != nil {
		ch <- nil
		return
	}
	ch <- struct{}{}
}

func goodSingleSend() {
	ch := make(chan any)
	go func() {
		replyOnce(ch, nil)
	}()
	<-ch
	go func() {
		replyOnce(ch, errors.New("failed"))
	}()
	<-ch
}
