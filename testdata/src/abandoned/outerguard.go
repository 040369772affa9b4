package abandoned

import "errors"

// The goroutine's send is decided by two tests: its own lookup's error
// (nearest, which the starter cannot name) and a flag the starter fixed
// before the go statement. The starter leaves without receiving only when
// the flag says the goroutine does not send, so nothing is left behind,
// also when the flag was assigned twice before the goroutine started. The
// twins leave on a test of something else, or change the flag after the
// goroutine took it.

func lookupAddr(host string) (string, error) {
	if host == "localhost" {
		return "127.0.0.1", nil
	}
	return "", errors.New("no such host")
}

func resolveValid(host string) (string, error) {
	valid := host != ""
	ch := make(chan string)
	go func() {
		if !valid {
			return
		}
		addr, err := lookupAddr(host)
		if err != nil {
			close(ch)
			return
		}
		ch <- addr
	}()
	if !valid {
		return "", errors.New("invalid host")
	}
	addr, ok := <-ch
	if !ok {
		return "", errors.New("lookup failed")
	}
	return addr, nil
}

func resolveOtherTest(host string, strict bool) (string, error) {
	valid := host != ""
	ch := make(chan string)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if !valid {
			return
		}
		addr, err := lookupAddr(host)
		if err != nil {
			close(ch)
			return
		}
		ch <- addr
	}()
	if strict {
		return "", errors.New("strict mode")
	}
	addr, ok := <-ch
	if !ok {
		return "", errors.New("lookup failed")
	}
	return addr, nil
}

func restoreMode(mode string) (string, error) {
	bad := mode != ""
	bad = bad && mode != "full"
	ch := make(chan string)
	go func() {
		if bad {
			return
		}
		ch <- "restored"
	}()
	if bad {
		return "", errors.New("bad mode " + mode)
	}
	return <-ch, nil
}

func restoreModeLate(mode string) (string, error) {
	bad := mode != ""
	ch := make(chan string)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if bad {
			return
		}
		ch <- "restored"
	}()
	bad = bad && mode != "full"
	if bad {
		return "", errors.New("bad mode " + mode)
	}
	return <-ch, nil
}
