package analyzer_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/awaitvet/awaitvet/analyzer"
)

// TestCgo analyses a package that imports "C". The files the analyzer sees
// are cmd/cgo's rewrites, generated and mapped back to the user's file by
// //line directives: a finding there must be reported at the user's line,
// not dropped as one in generated code, nor as one whose chain lies out of
// the package. Skipped where cgo cannot run (CGO_ENABLED=0, no C compiler).
func TestCgo(t *testing.T) {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is disabled")
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		if _, err := exec.LookPath("clang"); err != nil {
			t.Skip("no C compiler")
		}
	}
	dir, err := filepath.Abs("../testdata/cgo")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(ignoreFacts{t}, dir, analyzer.Analyzer, "cgouse")
}
