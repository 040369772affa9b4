package abandoned

// A select in a loop that the function leaves only through one receive
// case (creditExitCases): that receive is certain once the loop is entered.

type result struct{ n int }

type fetcher struct {
	cancels chan int
	results chan int
}

func (f *fetcher) fetch(out chan<- result) { out <- result{n: 1} }

// goodServesWhileFetching serves cancellations while it waits for the
// fetch, and leaves its loop only with the fetch's result.
func (f *fetcher) goodServesWhileFetching() int {
	out := make(chan result)
	go f.fetch(out)
	return f.wait(out)
}

func (f *fetcher) wait(out chan result) int {
	for {
		select {
		case r := <-out:
			return r.n
		case id := <-f.cancels:
			_ = id
		}
	}
}

// badGivesUpWhileFetching leaves its loop on a cancellation too: the
// fetch's send is then never received.
func (f *fetcher) badGivesUpWhileFetching() int {
	out := make(chan result)
	go f.fetch(out) // want `goroutine leak: send on out blocks forever: the receiver may leave by another select case`
	return f.waitOrCancel(out)
}

func (f *fetcher) waitOrCancel(out chan result) int {
	for {
		select {
		case r := <-out:
			return r.n
		case id := <-f.cancels:
			if id < 0 {
				return 0
			}
		}
	}
}
