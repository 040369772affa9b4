package abandoned

import "time"

// A channel made under a test, with its one sender, is counted only on the
// paths where that test held: a later receive under the same test is
// certain on all of them. The twin receives under another test.

func maybeReply(reply bool, compute func() string) string {
	var ch chan string
	if reply {
		ch = make(chan string)
		go func() { ch <- compute() }()
	}
	time.Sleep(0)
	if reply {
		return <-ch
	}
	return ""
}

func maybeReplyOther(reply, wait bool, compute func() string) string {
	var ch chan string
	if reply {
		ch = make(chan string)
		go func() { ch <- compute() }() // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
	}
	time.Sleep(0)
	if wait {
		return <-ch
	}
	return ""
}
