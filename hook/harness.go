package hook

import (
	"fmt"
	"slices"

	"github.com/awaitvet/awaitvet/report"
)

// testRunners are the functions of package testing in which a goroutine
// waits for the tests it started with (*T).Run: Run itself, for the test
// to end, and tRunner's deferred function, for its parallel subtests.
var testRunners = map[string]bool{
	"testing.(*T).Run":      true,
	"testing.tRunner.func1": true,
}

// harnessWait is what a goroutine of the testing harness waits on: the
// tests it started, which are the goroutines the dump says (*T).Run
// created from it. They alone end its wait, so they are its partners, all
// known. A harness goroutine whose tests are not in the dump (a truncated
// one) is left to the general rules.
func (a *analysis) harnessWait(g *Goroutine) (Wait, bool) {
	if len(g.Frames) == 0 || g.State != "chan receive" || !testRunners[g.Frames[0].Func] {
		return Wait{}, false
	}
	w := Wait{
		Resource: Resource{ID: fmt.Sprintf("tests:goroutine:%d", g.ID), Name: "the tests it started"},
		Op:       "wait", Known: true,
	}
	for _, o := range a.all {
		if o.Parent != g.ID || o.CreatedBy == nil || o.CreatedBy.Func != "testing.(*T).Run" {
			continue
		}
		p := Partner{G: o.ID, Rel: "ended by", Kind: report.DoneBy}
		if user, _ := split(o); len(user) > 0 {
			p.Func, p.Site = shortFunc(user[0].Func), user[0].Pos()
		}
		w.explicit = append(w.explicit, p)
	}
	if len(w.explicit) == 0 {
		return Wait{}, false
	}
	slices.SortFunc(w.explicit, func(x, y Partner) int { return int(x.G) - int(y.G) })
	return w, true
}
