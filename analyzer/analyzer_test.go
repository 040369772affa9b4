package analyzer_test

import (
	"fmt"
	"path/filepath"
	"regexp"
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

// run analyses the named testdata packages and checks their // want and
// // folded comments.
func run(t *testing.T, pkgs ...string) []*analysistest.Result {
	t.Helper()
	results := analysistest.Run(ignoreFacts{t}, testdataDir(t), analyzer.Analyzer, pkgs...)
	checkFolded(t, results)
	checkChains(t, results)
	return results
}

// checkChains checks that every diagnostic shows its chain: at least one
// related location (a hop: where the resource was taken or made, where the
// partner is, the path that misses a release). A finding with no hop cannot
// be acted on: the user sees the symptom but not what leads there.
//
// Exempt are the findings whose one statement is the whole cause, with no
// resource made or declared elsewhere: a malformed suppression directive,
// select {}, and a wait on context.Background() or TODO().
func checkChains(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category == "ignore" || chainlessRE.MatchString(d.Message) {
				continue
			}
			if len(d.Related) == 0 {
				t.Errorf("%s: diagnostic without a chain: %s", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}

// chainlessRE matches the messages of findings that checkChains exempts.
var chainlessRE = regexp.MustCompile(`^(select \{\} blocks forever|nil channel: context\.(Background|TODO)\(\)\.Done\(\) never fires)`)

// foldedRE matches a // folded `re` comment: a finding that follows from
// another one (a Wait for a goroutine blocked forever) is not a diagnostic
// of its own but related information of its root's diagnostic, at the
// comment's line, with a message matching re.
var foldedRE = regexp.MustCompile("^// folded `([^`]*)`$")

// checkFolded checks the // folded comments of the analysed packages.
func checkFolded(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		fset := r.Pass.Fset
		for _, f := range r.Pass.Files {
			for _, cg := range f.Comments {
				for _, c := range cg.List {
					m := foldedRE.FindStringSubmatch(c.Text)
					if m == nil {
						continue
					}
					re := regexp.MustCompile(m[1])
					want := fset.Position(c.Pos())
					found := false
					for _, d := range r.Diagnostics {
						for _, rel := range d.Related {
							p := fset.Position(rel.Pos)
							found = found || p.Filename == want.Filename && p.Line == want.Line && re.MatchString(rel.Message)
						}
					}
					if !found {
						t.Errorf("%s: no diagnostic has related information here matching %q", want, m[1])
					}
				}
			}
		}
	}
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
//
// A hop inside upstream or middle cannot be positioned in downstream's
// pass; it names its own file by the import path of its package and its
// line ("crosspkg/upstream/upstream.go:12: ..."), never by a base name that
// could be any package's file.
func TestCrossPackage(t *testing.T) {
	results := run(t, "crosspkg/upstream", "crosspkg/middle", "crosspkg/downstream")
	own := regexp.MustCompile(`^crosspkg/(upstream|middle)/\w+\.go:\d+: `)
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				if strings.Contains(rel.Message, ".go:") {
					n++
					if !own.MatchString(rel.Message) {
						t.Errorf("%s: a hop in another package without its import path: %q", r.Pass.Fset.Position(d.Pos), rel.Message)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Errorf("no hop in upstream or middle among the findings of downstream")
	}
}

// TestNoReturnAcrossPackages: a helper of another package that never returns
// ends the path of its caller; one that may return does not.
func TestNoReturnAcrossPackages(t *testing.T) {
	run(t, "noreturn/fatal", "noreturn/user")
}

// TestTestCode analyses a package with its test files: by default test code
// is left out of the model (a fake in a test file neither adds a finding in
// production code nor reports its own); with -testcode it takes part.
func TestTestCode(t *testing.T) {
	skipShort(t)
	run(t, "testcode")

	if err := analyzer.Analyzer.Flags.Set("testcode", "true"); err != nil {
		t.Fatal(err)
	}
	defer analyzer.Analyzer.Flags.Set("testcode", "false")
	// A want in store.go would have to hold for the package without its
	// test files too, where the fake does not exist; so the one finding
	// that only the test variant has is expected as analysistest's
	// complaint about it, and nothing else may be.
	rec := &recordErrors{T: t}
	analysistest.Run(rec, testdataDir(t), analyzer.Analyzer, "testcodeon")
	want := "store.go:15:14: unexpected diagnostic: double lock: mu acquired while already held (through (fake).Get)"
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], want) {
		t.Errorf("with -testcode: got %q, want exactly one error containing %q", rec.errs, want)
	}
}

// recordErrors records analysistest's errors (other than unexpected facts,
// see ignoreFacts) instead of failing the test.
type recordErrors struct {
	*testing.T
	errs []string
}

func (r *recordErrors) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, ": unexpected fact: ") {
		r.errs = append(r.errs, msg)
	}
}

// TestDependencyCause analyses depcause/dep and depcause/user together: dep's
// own double lock is reported in dep, not again at user's call to it; a
// double lock whose first acquisition is user's own is reported in user.
func TestDependencyCause(t *testing.T) {
	run(t, "depcause/dep", "depcause/user")
}

// TestUnlockerCross: the unlocker another package's lock helper returns,
// called through a function value nothing resolves.
func TestUnlockerCross(t *testing.T) {
	run(t, "unlockercross/lib", "unlockercross/user")
}

// TestGuards: conditional summaries (effects guarded by a parameter, the
// receiver's nil-ness or a field) and path-sensitive locksets.
func TestGuards(t *testing.T) {
	run(t, "guards")
}

// TestOwnership: fresh unpublished objects, striped lock arrays under a
// common outer lock, range-over-func bodies, shared unlock closures and
// locks returned with an object.
func TestOwnership(t *testing.T) {
	run(t, "ownership")
}

// TestInterfaceCallbacks: store calls an interface it declares while holding
// its lock; cache implements it (converting *Cache to the interface) and
// takes the locks in the opposite order. Only cache can close the cycle,
// through store's facts; cachefixed, the fixed twin, stays silent, and so
// does a type with the method that is never converted to the interface.
// copier: the standard library's calls on a value the caller passes
// (io.Copy's Read) resolve to the type the caller passes, not to every one.
func TestInterfaceCallbacks(t *testing.T) {
	run(t, "ifacecb/store", "ifacecb/cache", "ifacecb/cachefixed", "ifacecb/copier")
}

// TestCallbacks: closures returned by a factory, functions kept in slices
// and maps of struct fields, each followed to what it locks.
func TestCallbacks(t *testing.T) {
	run(t, "callbacks")
}
