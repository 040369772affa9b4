package analyzer

var abandonedCheck = &Check{
	Name:      "abandoned",
	SplitFrom: "leak",
	Title:     "a goroutine's one send on an unbuffered channel its starter may leave without receiving",
	Doc: `
The strongest of leak's claims, kept apart because it needs no counting: a
function makes an unbuffered channel that nothing else can reach, starts
one goroutine that sends on it once, and receives from it on some paths
only: the receive is a select case that can lose to another (a timeout,
ctx.Done()), or a return comes before it. On those paths the goroutine's
send has no receiver, now or later, and it blocks forever (or, when the
starter closes the channel on its way out, defer close(ch), it panics:
send on closed channel; the claim then says so, unless the goroutine
defers a recover, which ends it quietly). Giving the
channel a buffer of one, or making the send select on the context the
receiver gives up on, silences it. A path that ends the process
(log.Fatal, os.Exit, the return of main, or of a function main ends the
process after) abandons nothing: the sender ends with the program. Nor
does a select run a counted number of turns, none skipped or cut short by
a break or return, whose cases all receive from the function's own
channels, when the goroutines send no more values in all than it has
turns: each turn takes one, and the case that loses on one turn wins on a
later one. Nor does a goroutine that sends only on one side of a test of a
value its starter hands it, when the starter receives on that same side
of its own test (if quick, neither sends nor receives; the test may be a
comparison with a constant, written on both sides: if n <= 0; the value
may be a field of a struct handed by value: if o.wait; or a value the
goroutine sent the starter first: status <- ok; if ok { payload <- v }
against if !<-status { return }, or a constant it sent on the way, once
on every path: ready <- nil; done <- v against if <-ready != nil {
return }; or the result of one call, on both sides, of a function that
computes it from its plain arguments alone — numbers, strings, no memory
read but its locals and package variables only its initialisation sets,
no call but of such functions and the string and number functions of the
standard library: if validKey(k) != nil; or a field read through the
pointer the starter hands over, when no function of the package stores
that field but as it makes the object and neither side hands the pointer
to code that might: if req.sync, or a method of such reads on both
sides, if req.wantsAck()), or a
starter that receives from the
channel in a call it defers (if !got { <-ch }). Nor does a starter whose
other case waits on a context that only the goroutine cancels, after its
send (ch <- v; cancel(), the cancel function captured or handed to the
goroutine's function as an argument), or on a channel closed only after
a Wait on the WaitGroup that counts the sender (wg.Go(send), or a
deferred Done of the sender's; go func() { wg.Wait(); close(ended) }()).
Nor does
a send the goroutine reaches only after its send on another unbuffered
channel of the starter's has been taken, when the starter receives from
this one after each receive from that one (a <- x; b <- y against
case x := <-a: s := <-b): a starter that leaves by another case leaves it
at the first send, which is reported. Nor does a goroutine that sends its
result plainly and a recovered panic from a deferred call on another
channel, both cases of the starter's select: it sends one of the two. (Buffered channels, several senders and senders in loops, whose claims
rest on counting sends against receives, are leak's.)`,
	Wrong: `
func fetch(ctx context.Context, url string) (string, error) {
	ch := make(chan string)
	go func() { ch <- get(url) }() // blocks forever once fetch has returned
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errTimeout
	}
}`,
	Right: `
func fetch(ctx context.Context, url string) (string, error) {
	ch := make(chan string, 1) // the send completes even if nobody receives
	go func() { ch <- get(url) }()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return "", errTimeout
	}
}`,
}

// abandonedSend reports whether a leaked send on u is abandoned's claim:
// an unbuffered channel, one send in all, no receive that is certain, and
// a receiver that leaves without receiving (not a shortfall in counts).
func abandonedSend(u *chanUse, recvs, sends int) bool {
	if u.cap != 0 || sends != 1 || recvs != 0 {
		return false
	}
	for _, c := range u.self.ops {
		if c.Kind == OpRecv && (c.Alt || !c.Always) {
			return true
		}
	}
	return false
}
