package analyzer

import "go/token"

var neverFedCheck = &Check{
	Closed: true,
	Name:   "neverfed",
	Title:  "a receive from a channel only this package can name, which it never sends on or closes",
	Doc: `
An unexported package-level variable or an unexported field of a struct of
this package can be reached by this package's code alone, unless the
package hands the channel out. When the package makes such a channel but
nothing in it sends on it, closes it or lets it out (a getter returning it
receive-only does not), a plain receive from it waits forever: no code
anywhere can end it. The claim rests on every function of the package, in
every build (a file left out of this one that names it keeps it silent),
not on what callers might do. Send or close where the work ends, or remove
the wait.

The same holds for a channel one function makes and keeps to itself and
the goroutines it starts (it never escapes them): a goroutine whose select
waits on it, and on nothing else that can become ready, waits forever when
neither the function nor its goroutines sends on it or closes it, even if
a method elsewhere in the package would (a worker whose Stop the function
never calls). That finding is reported where the goroutine is started.`,
	Wrong: `
type server struct{ quit chan struct{} }

func newServer() *server { return &server{quit: make(chan struct{})} }

func (s *server) Serve() {
	<-s.quit // nothing in the package sends on or closes quit
}`,
	Right: `
func (s *server) Serve() { <-s.quit }

func (s *server) Stop() { close(s.quit) }`,
}

// reportUnfed reports a receive from name, a channel only this package can
// name, which it makes and never sends on or closes (chain: the receive,
// the make, and a send or close in code the program never runs, if any).
func (ps *passState) reportUnfed(pos token.Pos, name string, chain Chain) {
	nothing := "nothing in the package sends on or closes it"
	if len(chain) > 2 {
		nothing = "nothing that runs sends on or closes it"
	}
	ps.report(pos, neverFedCheck, "no sender: receive from "+name+" blocks forever: "+nothing, chain)
}

// reportOwnUnfed reports the goroutine g left blocked in a select on name
// (u), a channel its starter keeps to itself and its goroutines, which none
// of them sends on or closes, with no case that can leave.
func (ps *passState) reportOwnUnfed(u *chanUse, g *participant, name string) {
	ps.reportLeak(neverFedCheck, u, g, OpRecv, "receive from "+name+" blocks forever: nothing sends on or closes "+name)
}
