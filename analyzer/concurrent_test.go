package analyzer

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestConcurrencyWitness checks that a claim between two goroutines is
// made by the concurrent* check exactly when the package shows both
// running at once (testdata/src/concurrent: each witnessed case beside a
// twin that runs the two sides one after the other, or, in condclass.go,
// beside a twin whose two orders take different locks). TestConcurrentWants
// (in the external test package) checks the // want comments.
func TestConcurrencyWitness(t *testing.T) {
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	setFlags(t, "checks", "all")
	witnessed, twins := 0, 0
	for _, r := range analysistest.Run(quiet{}, dir, Analyzer, "concurrent") {
		for _, d := range r.Diagnostics {
			at := strings.Contains(d.Message, " at once")
			concurrent := strings.HasPrefix(d.Category, "concurrent")
			if at != concurrent {
				t.Errorf("%s: [%s] %s: a witness in the message and a concurrent* check go together",
					r.Pass.Fset.Position(d.Pos), d.Category, d.Message)
			}
			if concurrent {
				witnessed++
			} else {
				twins++
			}
		}
	}
	if witnessed != 85 || twins != 74 {
		t.Errorf("%d witnessed findings and %d twins, want 85 and 74", witnessed, twins)
	}
}
