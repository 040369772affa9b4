package analyzer_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"
)

// loadGOPATH loads patterns from the GOPATH-style tree at gopath (its src
// directory), with syntax and types, as analysistest does: for the tests
// that analyse the testdata themselves (several runs, other drivers'
// settings). A package that does not load fails the test.
func loadGOPATH(t *testing.T, gopath string, patterns ...string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("%v do not load", patterns)
	}
	return pkgs
}

// skipShort skips a test that re-analyses much of the testdata under
// -short, the quick run of the inner loop (CI runs all).
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: re-analyses much of the testdata")
	}
}
