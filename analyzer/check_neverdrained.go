package analyzer

import "go/token"

var neverDrainedCheck = &Check{
	Closed: true,
	Name:   "neverdrained",
	Title:  "a send on a channel only this package can name, which it never receives from",
	Doc: `
The mirror of neverfed: an unexported channel field of a struct of this
package, which the package makes and sends on but never receives from nor
hands out (no getter returns it, no function is given it). Once its buffer
is full, the next send waits forever: no code anywhere can take a value
out. A close does not help the senders. The claim rests on every function
of the package, in every build (a file left out of this one that names it
keeps it silent), not on what callers might do. A buffer that no more
sends reach than it holds never fills: sends that only the function making
the channel does on the object whose field it has just set to it (one it
allocated or was given; itself, or in a goroutine it starts once), none in
a loop, are counted against the buffer of that make; so is a request's own
reply channel, made with a buffer for each request the package sends
(fresh, once) and answered once by the function that receives it. A struct
converted to or from another named type (the same fields under two names)
is left alone. Receive from it where the values are consumed, or stop
sending.`,
	Wrong: `
type rowChannel struct{ data chan int }

func newRowChannel(n int) *rowChannel { return &rowChannel{data: make(chan int, n)} }

func (rc *rowChannel) Push(v int) {
	rc.data <- v // nothing in the package receives from data
}`,
	Right: `
func (rc *rowChannel) Push(v int) { rc.data <- v }

func (rc *rowChannel) Next() int { return <-rc.data }`,
}

// reportFieldNoReceiver reports a send at pos on the channel field name,
// which nothing in the package receives from; dead, when valid, is a
// receive in code the program never runs.
func (ps *passState) reportFieldNoReceiver(pos token.Pos, field Ref, dead token.Position) {
	name := field.show(ps.pkgPath)
	chains := []Chain{ps.originChain(field, "nothing receives from it")}
	nothing := "nothing receives from "
	if dead.Line > 0 {
		chains = append(chains, Chain{{Pos: dead, What: "receives from it, in code the program never runs"}})
		nothing = "nothing that runs receives from "
	}
	ps.report(pos, neverDrainedCheck, "no receiver: send on "+name+" blocks forever once its buffer is full: "+nothing+name, chains...)
}
