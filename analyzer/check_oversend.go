package analyzer

import "strconv"

var overSendCheck = &Check{
	Name:      "oversend",
	SplitFrom: "leak",
	Title:     "more sends certain on a channel than receives that can ever happen",
	Doc: `
The one claim of leak that needs no guess about which path runs: a
function makes a channel that nothing else can reach, and the sends that
happen on every path (its own, and those of the goroutines it starts on
every path, each outside loops and select cases, with the tests their
arguments decide: doubleSend(ch, errors.New("x")) takes the branch on
err != nil) outnumber every receive that can happen at all (plain ones,
select cases that might win, receives in loops counting as many as
needed) plus the channel's buffer. However the goroutines interleave, one
send finds no receiver, now or later, and blocks forever. The channel
must not be closed anywhere (a close makes a late send panic instead).
A missing return after an error send (the second send runs too) is the
common cause; so is a result sent twice, or a buffer one short. A sender
left when the program's main returns (or a function whose every caller
then ends the process), with nothing but the channel waited on there,
ends with the process: a one-shot command that prints the first answer
and exits leaks nothing.`,
	Wrong: `
func work(ch chan error, err error) {
	if err != nil {
		ch <- err // no return: the send below runs too
	}
	ch <- nil
}

func run() error {
	ch := make(chan error)
	go work(ch, errors.New("bad"))
	return <-ch // one receive for two sends
}`,
	Right: `
func work(ch chan error, err error) {
	if err != nil {
		ch <- err
		return
	}
	ch <- nil
}`,
}

// surplusSend reports whether u's sends that happen on every path outnumber
// every receive that can happen, plus the buffer: certain and possible are
// the two counts, and at is the last goroutine started with sends of its
// own among them, the one the finding names (which sender is left over is
// up to the scheduler; the last one started has the fewest receives left).
// Goroutines started on some paths only, or in a loop, and sends in loops
// add nothing certain; a receive in a select case or a non-blocking one
// counts as possible (many, in a loop); a close anywhere decides nothing.
func surplusSend(u *chanUse) (certain, possible, at int, ok bool) {
	at = -1
	if u.cap >= inf || u.closed() {
		return 0, 0, at, false
	}
	k := u.ref.key()
	certain = u.self.minSends()
	if certain >= inf {
		certain = 0
	}
	for i, g := range u.goros {
		if g.spawn == nil || !g.spawn.Always || g.many || g.minSends() >= inf {
			continue
		}
		if g.minSends() > 0 {
			at = i
		}
		certain = add(certain, g.minSends())
	}
	for _, p := range u.all() {
		possible = add(possible, p.n.MaxRecv)
		for _, c := range p.ops {
			if c.Kind == OpRecv && (c.Alt || c.NonBlocking) && c.Ref.key() == k {
				possible = add(possible, pick(c.Loop, inf, 1))
			}
		}
	}
	return certain, possible, at, at >= 0 && possible < inf && certain > add(possible, u.cap)
}

// overSendReason says how many sends are certain against how many receives
// can happen.
func (u *chanUse) overSendReason(certain, possible int) string {
	why := strconv.Itoa(certain) + " send(s) happen on every path, but at most " + strconv.Itoa(possible) + " receive(s) can"
	if u.cap > 0 {
		why += " and its buffer holds " + strconv.Itoa(u.cap)
	}
	return why
}
