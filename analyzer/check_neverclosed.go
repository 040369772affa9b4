package analyzer

var neverClosedCheck = &Check{
	Name:  "neverclosed",
	Title: "a range over a channel that nothing closes",
	Doc: `
A for-range loop over a channel ends only when the channel is closed. If no
one closes it, the ranging goroutine waits forever once the senders are
done, and anything waiting for that goroutine (a WaitGroup, a done channel)
waits too. Close the channel when the last send is done.

Not reported when the function that made the channel never returns once it
has made it (it feeds the channel in a loop it never leaves, calls a
function that serves forever, or leaves only to end the process, as main's
return does): the ranging goroutine then lives exactly as long as its
feeder, and nothing is left behind. Nor when the channel is a queue of
tokens its workers give back: each worker puts one on it before its range,
every turn either puts one back or leaves the loop, and nothing else
receives from it (a retry queue: a worker waiting in the range always finds
a token, since every other worker in its loop has put in one more than it
holds). Nor when the range has a way out of its body on a count the loop
carries round against a bound fixed before it (if got == len(items) {
break }): whether the count is met is the senders' business. A way out on
anything else (an error a call returns, a sentinel value, which a pool may
send only when it shuts down) leaves the claim standing.`,
	Wrong: `
func process(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := range jobs { // never ends
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	wg.Wait() // waits forever
}`,
	Right: `
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()`,
}

// reportNeverClosed reports the range c over name, which nothing closes.
func (ps *passState) reportNeverClosed(name string, c ChanOp) {
	ps.report(ps.posOf(c.Chain), neverClosedCheck, "range over "+name+" never ends: nothing closes "+name, c.Chain, ps.originChain(c.Ref, "nothing closes it"))
}
