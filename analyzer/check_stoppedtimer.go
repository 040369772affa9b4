package analyzer

var stoppedTimerCheck = &Check{
	Name:  "stoppedtimer",
	Title: "a receive from a Timer's channel after its value was taken and nothing reset it",
	Doc: `
A time.Timer sends one value each time it fires. Once that value has been
received and nothing has reset the timer, Stop returns false and the
channel holds nothing (before Go 1.23 the one buffered value is gone;
since Go 1.23 no value comes after Stop at all), so the drain idiom
"if !t.Stop() { <-t.C }" blocks forever. awaitvet reports the drain when a
path of the same function leads to it from a receive of t.C with no
t.Reset between and no branch but a select's choice of case (a select
loop whose timer case goes round without Reset), and nothing else of the
package (another function, a closure) resets or replaces the timer. Reset
the timer after taking its value, or drop the drain (with Go 1.23 timers,
Stop alone is enough).`,
	Wrong: `
func loop(t *time.Timer, reset, quit <-chan struct{}) {
	for {
		select {
		case <-t.C: // the value is taken, t is not reset
		case <-reset:
			if !t.Stop() {
				<-t.C // blocks forever after the case above
			}
			t.Reset(time.Second)
		case <-quit:
			return
		}
	}
}`,
	Right: `
func loop(t *time.Timer, reset, quit <-chan struct{}) {
	for {
		select {
		case <-t.C:
			t.Reset(time.Second)
		case <-reset:
			if !t.Stop() {
				<-t.C
			}
			t.Reset(time.Second)
		case <-quit:
			return
		}
	}
}`,
}

// checkStaleDrains reports the receives of fn that wait for a timer value
// already taken (timers.go).
func (fa *fnAnalysis) checkStaleDrains() {
	ps := fa.ps
	for _, d := range fa.staleDrains() {
		name := d.timer.show(ps.pkgPath) + ".C"
		if d.timer.Base == BaseOpaque {
			name = "the timer's C"
		}
		chain := Chain{
			{Pos: ps.pass.Fset.Position(d.taken), Func: fa.name, What: "receives the timer's value from " + name},
			{Pos: ps.pass.Fset.Position(d.stop), Func: fa.name, What: "calls Stop, which then returns false"},
		}
		ps.report(d.recv, stoppedTimerCheck, "timer drain blocks forever: receive from "+name+
			" after Stop returned false; its value was already received and nothing reset it", chain)
	}
}
