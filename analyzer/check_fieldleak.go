package analyzer

import "go/token"

var fieldLeakCheck = &Check{
	Name:  "fieldleak",
	Title: "a goroutine blocked forever sending on a channel field whose every receiver may leave",
	Doc: `
The leak check's claim for a channel kept in an unexported, unbuffered
struct field rather than made and kept by one function: a goroutine sends
on it, and every receive from the field anywhere in the package is a
select case that may lose to another case (a timeout, ctx.Done(), a stop
channel), with no plain receive and no close. Once the receivers have left
that way, the sender waits forever. A select case counts as a plain
receive when its select is in a loop whose other cases only go round
again (a ticker), and when each other case that leaves waits for a stop
channel (a field, or the stopping method's own, closed by a goroutine it
starts) closed only after a Wait for every sender (a WaitGroup each
counts down in a deferred Done, or a done channel it closes so), or
closed by the one sender itself in a deferred call, after its last send,
every sender being started where the object is made: the shutdown stops the
producers before the consumer; one receiver that stays so is enough,
whatever the others do. The model pairs the field's senders
and receivers across methods by the field, not by the instance, so a
sender and a receiver of two different objects count as partners: a
weaker claim than leak's.`,
	Wrong: `
type watcher struct{ items chan int }

func (w *watcher) run(x int) { w.items <- x }

func (w *watcher) next(ctx context.Context) (int, bool) {
	select {
	case v := <-w.items:
		return v, true
	case <-ctx.Done():
		return 0, false // run's send is left blocked
	}
}`,
	Right: `
func (w *watcher) run(ctx context.Context, x int) {
	select {
	case w.items <- x:
	case <-ctx.Done():
	}
}`,
}

// reportFieldAbandoned reports, at pos, the start of a goroutine that
// sends (c) on the channel field name, whose every receiver may leave.
func (ps *passState) reportFieldAbandoned(pos token.Pos, name string, c ChanOp) {
	ps.report(pos, fieldLeakCheck, "goroutine leak: send on "+name+
		" blocks forever: every receiver may leave by another select case", c.Chain)
}
