package nopartner

// (No import of testing: a test file need not have one, and the test stays
// cheap.)

func answered() int {
	p := &probe{resp: make(chan int, 1)}
	p.answer(1)
	return <-p.resp
}
