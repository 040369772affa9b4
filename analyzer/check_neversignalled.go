package analyzer

import "go/token"

var neverSignalledCheck = &Check{
	Closed: true,
	Name:   "neversignalled",
	Title:  "a Cond.Wait on a Cond only this package can name, which it never signals",
	Doc: `
An unexported *sync.Cond field of a struct of this package, or an
unexported package-level *sync.Cond, reaches other code only if the
package lets the pointer out. When the package makes it (sync.NewCond),
waits on it, and nothing in it calls Signal or Broadcast on it or hands it
out, a Wait never returns: Wait returns only after a wakeup, and no code
anywhere can send one. The claim rests on every function of the package,
in every build (a file left out of this one that names it keeps it
silent), not on what callers might do. Broadcast where the waited-for
condition changes.`,
	Wrong: `
type plugin struct {
	activated bool
	cond      *sync.Cond
}

func (p *plugin) waitActive() {
	p.cond.L.Lock()
	for !p.activated {
		p.cond.Wait() // nothing signals cond
	}
	p.cond.L.Unlock()
}`,
	Right: `
func (p *plugin) activate() {
	p.cond.L.Lock()
	p.activated = true
	p.cond.L.Unlock()
	p.cond.Broadcast()
}`,
}

// reportNeverSignalled reports a Wait at pos on name, a Cond only this
// package can name, which it makes (made) and never signals.
func (ps *passState) reportNeverSignalled(pos token.Pos, name string, wait, made Hop) {
	ps.report(pos, neverSignalledCheck, "Cond.Wait on "+name+" never returns: nothing in the package signals or broadcasts on it", Chain{wait, made})
}
