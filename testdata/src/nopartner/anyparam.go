package nopartner

// A reply channel handed to a function as a type parameter's or an
// interface's value is let out as much as one handed as a channel: input
// sends it on to the loop that replies, register keeps it for a later
// reply.

type replier struct {
	getCh   chan chan int
	stopped chan struct{}
	n       int
	waiting []any
}

func input[T any](r *replier, eventCh *chan T, event T) {
	for {
		select {
		case *eventCh <- event:
			return
		case <-r.stopped:
			go r.loop()
		}
	}
}

func (r *replier) loop() {
	for {
		select {
		case ch := <-r.getCh:
			ch <- r.n
		case <-r.stopped:
			return
		}
	}
}

func (r *replier) goodGet() int {
	ch := make(chan int)
	input(r, &r.getCh, ch)
	return <-ch
}

func (r *replier) register(x any) { r.waiting = append(r.waiting, x) }

func (r *replier) flush() {
	for _, x := range r.waiting {
		x.(chan int) <- r.n
	}
	r.waiting = nil
}

func (r *replier) goodRegistered() int {
	ch := make(chan int)
	r.register(ch)
	return <-ch
}

// describe only looks at the value it is given: the channel stays here,
// and nothing sends on it.
func describe[T any](v T) bool {
	var zero T
	_ = zero
	return any(v) != nil
}

func (r *replier) badDescribed() int {
	ch := make(chan int)
	describe(ch)
	return <-ch // want `no sender: receive from ch blocks forever`
}
