package analyzer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/awaitvet/awaitvet/analyzer"
)

// TestDeterministic checks that the same input gives the same output, byte
// for byte, run after run: which cycle of a family is reported, with which
// witness, which of two equal goroutines is blamed. Package
// determinism/cycles has lock-order cycles of equal length, orders with
// several witnesses of one length and goroutines with equal chains; the
// packages around determinism/top give a cycle whose other half two
// dependencies supply with equal witnesses, so that the order of their
// facts (a map's, in the drivers) is put to the test. The packages are
// loaded once and analysed many times in this process: each run has its own
// map seeds and goroutine schedule. (cmd/awaitvet's TestDeterministicRuns
// does the same with separate processes.)
func TestDeterministic(t *testing.T) {
	skipShort(t)
	run(t, "determinism/...")

	pkgs := loadGOPATH(t, testdataDir(t), "determinism/...")
	const runs = 10
	var first string
	for i := range runs {
		graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := render(graph)
		if i == 0 {
			first = out
			if strings.Count(out, "\n") < 10 {
				t.Fatalf("too few findings to test anything:\n%s", out)
			}
			continue
		}
		if out != first {
			t.Fatalf("run %d differs from run 0:\n--- run 0\n%s--- run %d\n%s", i, first, i, out)
		}
	}
}

// render prints every diagnostic of the root packages with its related
// locations and suggested fixes, packages in path order.
func render(graph *checker.Graph) string {
	roots := slices.Clone(graph.Roots)
	slices.SortFunc(roots, func(a, b *checker.Action) int { return strings.Compare(a.Package.ID, b.Package.ID) })
	var b strings.Builder
	for _, act := range roots {
		if act.Err != nil {
			fmt.Fprintf(&b, "%s: error: %v\n", act.Package.ID, act.Err)
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			fmt.Fprintf(&b, "%s: %s: %s\n", fset.Position(d.Pos), d.Category, d.Message)
			for _, r := range d.Related {
				fmt.Fprintf(&b, "\t%s: %s\n", fset.Position(r.Pos), r.Message)
			}
			for _, f := range d.SuggestedFixes {
				fmt.Fprintf(&b, "\tfix: %s\n", f.Message)
				for _, e := range f.TextEdits {
					fmt.Fprintf(&b, "\t\t%s-%s: %q\n", fset.Position(e.Pos), fset.Position(e.End), e.NewText)
				}
			}
		}
	}
	return b.String()
}
