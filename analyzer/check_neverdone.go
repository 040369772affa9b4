package analyzer

import "go/token"

var neverDoneCheck = &Check{
	Closed: true,
	Name:   "neverdone",
	Title:  "a Wait on a WaitGroup only this package can name, which it adds to and never counts down",
	Doc: `
An unexported package-level sync.WaitGroup, or an unexported WaitGroup
field of a struct of this package, is reached by this package's code alone
unless the package lets its address out. When the package adds to it but
nothing in it calls Done (or Go, or Add with a negative delta), the
counter never returns to zero after the first Add, and every Wait from
then on blocks forever. The claim rests on every function of the package,
in every build (a file left out of this one that names it keeps it
silent), not on what callers might do. Call Done when the counted work
ends (defer wg.Done() at the top of the goroutine or task).`,
	Wrong: `
type stopper struct {
	mu    sync.Mutex
	drain sync.WaitGroup
}

func (s *stopper) StartTask() { s.drain.Add(1) } // no Done anywhere

func (s *stopper) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drain.Wait() // blocks forever after any StartTask
}`,
	Right: `
func (s *stopper) StartTask() { s.drain.Add(1) }

func (s *stopper) FinishTask() { s.drain.Done() }`,
}

// reportUndone reports a Wait on name, a WaitGroup only this package can
// name, which it adds to and never counts down (chain: the Wait, an Add,
// and a Done in code the program never runs, if there is one).
func (ps *passState) reportUndone(pos token.Pos, name string, chain Chain) {
	nothing := "nothing in the package calls Done on it"
	if len(chain) > 2 {
		nothing = "nothing that runs calls Done on it"
	}
	ps.report(pos, neverDoneCheck, "WaitGroup.Wait on "+name+" blocks forever once it is added to: "+nothing, chain)
}
