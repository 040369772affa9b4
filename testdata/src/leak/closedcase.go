package leak

// A consumer that receives in a select in a loop, leaving only when its
// stream reports itself closed or when its error channel fires, abandons
// no send on the stream when the producer feeds the error channel only
// after its last send (here: closes it then): the error case cannot be
// ready while a send waits. A producer that reports an error in the middle
// of its sends and goes on sending leaves the rest blocked once the
// consumer has gone.

func produceChunks(chunks []int) (chan int, chan error) {
	streams, errs := make(chan int), make(chan error)
	go func() {
		for _, c := range chunks {
			streams <- c
		}
		close(streams)
		close(errs)
	}()
	return streams, errs
}

func produceChunksErr(chunks []int) (chan int, chan error) {
	streams, errs := make(chan int), make(chan error)
	go func() {
		for _, c := range chunks {
			if c < 0 {
				errs <- nil
				continue
			}
			streams <- c
		}
		close(streams)
	}()
	return streams, errs
}

func consumeChunks(streams chan int, errs chan error) (int, error) {
	sum := 0
	for {
		select {
		case p, ok := <-streams:
			if !ok {
				return sum, nil
			}
			sum += p
		case err := <-errs:
			return sum, err
		}
	}
}

// closedAfterSendsGood: errs is closed after the last chunk.
func closedAfterSendsGood(chunks []int) (int, error) {
	streams, errs := produceChunks(chunks)
	return consumeChunks(streams, errs)
}

// errorMidwayBad: an error ends the consumer with chunks still to send.
func errorMidwayBad(chunks []int) (int, error) {
	streams, errs := produceChunksErr(chunks) // want `goroutine leak: send on errs blocks forever` `goroutine leak: send on streams blocks forever: the receiver may leave by another select case`
	return consumeChunks(streams, errs)
}
