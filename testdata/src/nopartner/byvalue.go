package nopartner

// A byValueRequest passed by value holds its reply channel: the helper it is
// given sends the byValueRequest on a queue, and whoever takes it from there
// answers on the reply channel. The twin's helper keeps the byValueRequest to
// itself, so nothing can answer.

type byValueRequest struct {
	reply chan error
	key   string
}

var requests = make(chan byValueRequest, 1)

func enqueue(r byValueRequest) { requests <- r }

func serveRequests() {
	for r := range requests {
		r.reply <- nil
	}
}

func askQueued(key string) error {
	r := byValueRequest{reply: make(chan error, 1), key: key}
	enqueue(r)
	return <-r.reply
}

func describeKey(key string) string { return key }

func askDescribed(key string) error {
	r := byValueRequest{reply: make(chan error, 1), key: key}
	_ = describeKey(r.key)
	return <-r.reply // want `no sender: receive from \(\*byValueRequest\)\.reply blocks forever`
}
