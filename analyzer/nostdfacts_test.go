package analyzer_test

import (
	"go/build"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/awaitvet/awaitvet/analyzer"
)

// TestNoStdFacts runs the analyzer on every testdata package twice: once as
// go vet and the standalone driver do, with the standard library analysed
// for facts like any dependency, and once as Bazel's nogo does, where the
// standard library is precompiled and no analyzer runs on it, so no facts
// about it exist. The findings must be the same: what awaitvet knows of the
// standard library's blocking behaviour (sync, channels, os.Exit, log.Fatal
// and the like) must come from the model itself, never from facts a build
// system may not produce.
func TestNoStdFacts(t *testing.T) {
	skipShort(t)
	pkgs := loadGOPATH(t, testdataDir(t), "./...")
	if len(pkgs) < 20 {
		t.Fatalf("only %d testdata packages loaded", len(pkgs))
	}

	withStd, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := render(withStd)
	if strings.Count(want, "\n") < 100 {
		t.Fatalf("too few findings to test anything:\n%s", want)
	}

	goroot := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	var skipped atomic.Int32
	withoutStd, err := checker.Analyze([]*analysis.Analyzer{skipStd(analyzer.Analyzer, goroot, &skipped)}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if skipped.Load() < 10 {
		t.Fatalf("only %d standard-library packages left out: is %s the GOROOT of the loaded packages?", skipped.Load(), goroot)
	}
	if got := render(withoutStd); got != want {
		t.Errorf("findings differ without standard-library facts:\n--- only with them\n%s--- only without them\n%s",
			onlyIn(want, got), onlyIn(got, want))
	}
}

// onlyIn returns the lines of a that are not lines of b.
func onlyIn(a, b string) string {
	in := make(map[string]bool)
	for _, l := range strings.Split(b, "\n") {
		in[l] = true
	}
	var out strings.Builder
	for _, l := range strings.Split(a, "\n") {
		if !in[l] {
			out.WriteString(l + "\n")
		}
	}
	return out.String()
}

// skipStd returns a copy of a that does nothing in packages whose files
// are in the standard library (under goroot): they export no facts. It
// counts those packages in skipped.
func skipStd(a *analysis.Analyzer, goroot string, skipped *atomic.Int32) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		if len(pass.Files) > 0 && strings.HasPrefix(pass.Fset.File(pass.Files[0].Pos()).Name(), goroot) {
			skipped.Add(1)
			return (*analyzer.Result)(nil), nil
		}
		return a.Run(pass)
	}
	return &c
}
