package analyzer_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/awaitvet/awaitvet/analyzer"
)

// testdataDir returns the GOPATH-style tree of test packages at the module
// root: ../testdata/src/<pkgpath>/*.go. Each package tests one check; every
// buggy case carries a // want comment and has a fixed twin that must stay
// silent. All checks are enabled in every test, so a package also fails if
// any other check reports something in it.
func testdataDir(t *testing.T) string {
	t.Helper()
	testdata, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return testdata
}

// ignoreFacts passes every analysistest error through to t except
// "unexpected fact" ones. The analyzer exports a FuncFact for most functions
// and a PackageFact per package; their text is an internal summary that the
// testdata does not pin down with fact expectations, so only diagnostics are
// checked. It embeds *testing.T, so analysistest still sees a testing.TB
// (and logs the type errors of a package that fails to compile).
type ignoreFacts struct{ *testing.T }

func (t ignoreFacts) Errorf(format string, args ...any) {
	t.Helper()
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, ": unexpected fact: ") {
		t.T.Errorf("%s", msg)
	}
}

// run analyses the named testdata packages and checks their // want comments.
func run(t *testing.T, pkgs ...string) {
	t.Helper()
	analysistest.Run(ignoreFacts{t}, testdataDir(t), analyzer.Analyzer, pkgs...)
}

func TestLockOrder(t *testing.T) {
	run(t, "lockorder")
}

func TestDoubleLock(t *testing.T) {
	run(t, "doublelock")
}

func TestRecursiveRLock(t *testing.T) {
	run(t, "recursiverlock")
}

func TestLockUpgrade(t *testing.T) {
	run(t, "lockupgrade")
}

func TestUnreleased(t *testing.T) {
	run(t, "unreleased")
}

func TestOnceReentry(t *testing.T) {
	run(t, "oncereentry")
}

func TestIgnore(t *testing.T) {
	run(t, "ignore")
}

// TestCrossPackage analyses upstream, middle and downstream together: the
// chains only connect through facts exported by upstream and middle, and
// every finding is expected in downstream, so upstream and middle (which
// have no wants) must stay silent.
func TestCrossPackage(t *testing.T) {
	run(t, "crosspkg/upstream", "crosspkg/middle", "crosspkg/downstream")
}

// TestNoReturnAcrossPackages: a helper of another package that never returns
// ends the path of its caller; one that may return does not.
func TestNoReturnAcrossPackages(t *testing.T) {
	run(t, "noreturn/fatal", "noreturn/user")
}

// TestOwnership: fresh unpublished objects, striped lock arrays under a
// common outer lock, range-over-func bodies, shared unlock closures and
// locks returned with an object.
func TestOwnership(t *testing.T) {
	run(t, "ownership")
}
