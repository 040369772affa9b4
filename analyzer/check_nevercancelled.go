package analyzer

import (
	"go/token"
	"strings"
)

var neverCancelledCheck = &Check{
	Closed: true,
	Name:   "nevercancelled",
	Title:  "a receive on the Done channel of a context nothing can cancel",
	Doc: `
ctx.Done() is closed when the context is cancelled, its deadline passes,
or its parent's Done closes; context.Background() and TODO() never do. A
plain receive on ctx.Done() waits forever when every origin of ctx is
traced, through the package's own code, to a context that can never fire:
Background or TODO (also kept in an unexported field nothing else sets),
or WithCancel whose cancel function is dropped, kept in a field nothing
reads, called only by code the program never runs (package main: a
function nothing calls, or a call behind a test no run passes, such as
` + "`if conn != nil`" + ` on a variable that only ever holds nil), only after that
very receive returns, or, by the function that starts the receiving
goroutine, only after a Wait on the group that goroutine counts down after
its receive (` + "`defer cancel(); defer wg.Wait()`" + `: deferred calls run last
first, so the Wait comes before the cancel). Where a context may come from a caller
the model cannot see (an exported function's parameter, another
package's field), it makes no claim. Call cancel where the work must
stop, or give the context a deadline.`,
	Wrong: `
type tx struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newTx() *tx {
	ctx, cancel := context.WithCancel(context.Background())
	return &tx{ctx: ctx, cancel: cancel} // nothing ever calls t.cancel
}

func (t *tx) awaitDone() { <-t.ctx.Done() }`,
	Right: `
func (t *tx) rollback() { t.cancel() }`,
}

// reportCtxNeverFires reports a receive c at pos from recv (the expression
// ctx.Done()) on a context that never fires, of origin src.
func (ps *passState) reportCtxNeverFires(pos token.Pos, recv string, src *ctxSource, c ChanOp) {
	why := strings.TrimSuffix(recv, ".Done()") + " is " + ctxText(src)
	if src.kind == ctxField {
		why = src.name + " is only ever set to " + ctxText(src.parent)
	}
	var made Chain // where each context of the origin is made, outermost first
	for s := src; s != nil; s = s.parent {
		if s.pos.IsValid() {
			made = append(made, Hop{Pos: ps.position(s.pos), What: "the context comes from " + s.name + " here"})
		}
	}
	ps.report(pos, neverCancelledCheck, "context never cancelled: receive from "+recv+" blocks forever: "+why, c.Chain, made)
}
