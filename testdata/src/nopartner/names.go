package nopartner

// Channels from a call are named in messages by the variable they are
// assigned to, also when the call has several results.

// pair returns a struct and a fresh channel nothing ever sends on.
type pair struct{ n int }

func newPair() (*pair, chan int) { return &pair{}, make(chan int) }

func badPairRecv() int {
	_, c := newPair()
	return <-c // want `no sender: receive from c blocks forever`
}

func newGoodPair() (*pair, chan int) {
	c := make(chan int, 1)
	c <- 1
	return &pair{}, c
}

func goodPairRecv() int {
	_, c := newGoodPair()
	return <-c
}
