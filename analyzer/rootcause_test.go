package analyzer

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// lenient is a testing.TB that drops analysistest's complaints: the test
// below runs with some checks off, so the package's // want comments for
// them are expected to go unmatched.
type lenient struct{ *testing.T }

func (lenient) Errorf(string, ...any) {}

// TestRootCauseDisabled: with the check of the root finding not enabled, a
// finding that follows from it is reported on its own at the waiter; a
// suppressed root still silences it.
func TestRootCauseDisabled(t *testing.T) {
	setFlags(t, "checks", "future")
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(lenient{t}, dir, Analyzer, "future")
	var lines []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			if filepath.Base(p.Filename) == "rootcause.go" {
				lines = append(lines, p.String()[len(filepath.Dir(p.Filename))+1:]+": "+d.Message)
			}
		}
	}
	want := "rootcause.go:40:9: wait never returns: wg.Wait waits for a goroutine that blocks forever: its send on ch blocks forever"
	if len(lines) != 1 || lines[0] != want {
		t.Errorf("rootcause.go with -checks=future:\n%s\nwant only:\n%s", strings.Join(lines, "\n"), want)
	}
}

// TestRootCauseTier: a root whose check is experimental, in a run of the
// default tier, takes its consequences with it.
func TestRootCauseTier(t *testing.T) {
	withMeasured(t, map[string]Precision{"leak": {Labelled: 10, False: 5}})
	setFlags(t, "checks", "default")
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(lenient{t}, dir, Analyzer, "future")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if p := r.Pass.Fset.Position(d.Pos); filepath.Base(p.Filename) == "rootcause.go" {
				t.Errorf("rootcause.go with leak experimental: %s: %s", p, d.Message)
			}
		}
	}
}
