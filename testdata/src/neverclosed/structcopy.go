package neverclosed

// A channel held in a local struct whose copy a goroutine captures: the
// goroutine closes it through the copy's field (a value method), which
// the model does not tie back to the channel, so it makes no claim. The
// twin keeps the struct in place, and nothing closes the channel.

type sendSink struct{ out chan<- int }

func (s sendSink) done() { close(s.out) }

func produceCopied(vals []int) int {
	ch := make(chan int)
	s := sendSink{out: ch}
	go func() {
		defer s.done()
		for range vals {
			ch <- 1
		}
	}()
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

func produceUnclosed(vals []int) int {
	ch := make(chan int)
	go func() {
		for range vals {
			ch <- 1
		}
	}()
	n := 0
	for v := range ch { // want `range over ch never ends: nothing closes ch`
		n += v
	}
	return n
}
