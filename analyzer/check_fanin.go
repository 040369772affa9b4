package analyzer

var fanInCheck = &Check{
	Name:      "fanin",
	SplitFrom: "leak",
	Title:     "goroutines started in a loop that each send once on an unbuffered channel their starter receives from a fixed number of times",
	Doc: `
Another of leak's claims kept apart because it needs no guess about
partners: a function makes an unbuffered channel that nothing else can
reach, starts goroutines in a loop that each send on it once, and itself
receives from it a fixed number of times, outside any loop ("first result
wins"). Every goroutine past that number blocks in its send forever, each
holding its stack and what it references. (Goroutines that send only on
the turn their loop variable equals a constant or a bound fixed before the
loop, if i == 0, send once in all. A goroutine whose send is under any
other test, the one that wins a CompareAndSwap or the last one out of a
counter, or inside once.Do, may not send at all: that is no claim of
fanin's; the experimental leak check counts such sends as possible. So
are goroutines started by a loop that has a way out besides its own
test, a break once enough are started: how many start is not the range's
length. A range over make([]T, n), xs[lo:hi] with constant bounds, or a
map literal with constant keys runs as many times as those fix.)
Giving the channel room for
every sender, or making the send select on a context the receiver cancels,
silences it.`,
	Wrong: `
func first(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- get(u) }() // all but one block forever
	}
	return <-ch
}`,
	Right: `
func first(urls []string) string {
	ch := make(chan string, len(urls)) // room for every sender
	for _, u := range urls {
		go func() { ch <- get(u) }()
	}
	return <-ch
}`,
}

// fanInSend reports whether a leaked send on u is fanin's claim: an
// unbuffered channel, one kind of sender (goroutines started in a loop,
// each sending exactly once on every path, or on the turns a test of the
// loop variable picks: a send under another test, which only the winner of
// a CompareAndSwap or the last one out of a counter makes, is no certain
// surplus), and receives only by the channel's owner, a
// fixed number of them, none in a loop.
func fanInSend(u *chanUse, sender *participant, recvs int) bool {
	if u.cap != 0 || recvs < 1 || recvs >= inf || !sender.many || sender.leftEarly || sender.each != 1 || sender.eachMin != 1 && !sender.onTurns {
		return false
	}
	for i := range u.goros {
		g := &u.goros[i]
		if g != sender && g.maxSends() > 0 {
			return false
		}
		for _, c := range g.ops {
			if c.Kind == OpRecv {
				return false
			}
		}
	}
	for _, c := range u.self.ops {
		if c.Kind == OpRecv && (c.Loop || c.Drain) {
			return false
		}
	}
	return true
}
