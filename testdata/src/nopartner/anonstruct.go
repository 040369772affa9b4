package nopartner

// An anonymous struct type written out twice is one type: the field a
// literal sets in anonAsk is the field anonAnswer sends on, though each
// writing of the type has fields of its own. The twin's field is set by
// no writing of its type: a nil channel.

func anonAnswer(p any) {
	req := p.(struct{ reply chan int })
	req.reply <- 1
}

func anonAsk() int {
	reply := make(chan int, 1)
	anonAnswer(struct{ reply chan int }{reply: reply})
	return <-reply
}

func anonNeverSet() int {
	var s struct{ done chan int }
	return <-s.done // want `nil channel: receive from s\.done blocks forever`
}
