package analyzer_test

import (
	"testing"

	"github.com/awaitvet/awaitvet/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// The channel/goroutine checks. Each test reuses run (analyzer_test.go), so
// every check is enabled and a package fails on any unexpected finding,
// including lock findings from the existing checks.

// TestLeak: goroutines blocked forever on a send or receive whose only
// partner can leave first; reported at the go statement (or, for the
// Start/Stop lifecycle shape, at the Start call that is never stopped).
// A return of the program's main ends every goroutine (abandonedmain), as
// does one of a function main ends the process after (abandonedrun),
// unless main defers a wait for them (abandonedmainwait).
func TestLeak(t *testing.T) {
	run(t, "leak", "abandoned", "fanin", "oversend", "abandonedmain", "abandonedmainwait", "abandonedrun", "oversendmain")
}

// TestCommMain: a program's main goroutine is a partner like the
// goroutines go statements start (commmain).
func TestCommMain(t *testing.T) {
	run(t, "commmain")
}

// TestNeverClosed: range over a channel that nothing closes; reported at the
// range statement.
func TestNeverClosed(t *testing.T) {
	run(t, "neverclosed", "neverclosedmain")
}

// TestNoPartner: channel operations with no counterpart anywhere, nil
// channels, Background/TODO Done channels and select {} outside main;
// reported at the blocking operation. nopartner/cmd holds the silent
// select {} in func main.
// TestStoppedTimer: a timer drain on a path from a receive of the
// timer's value with no Reset between; drains after a Reset, on a fresh
// timer, or of a timer another method resets stay silent.
func TestStoppedTimer(t *testing.T) {
	run(t, "stoppedtimer")
}

func TestNoPartner(t *testing.T) {
	run(t, "nopartner", "nopartner/cmd", "nopartner/park", "nopartner/parkcall", "nopartner/parkerr")
}

// TestReplySlot: a request's own buffered reply channel, answered once per
// request, never fills; answering twice, answering kept requests again, or
// sending a request not just made are reported (replyslots.go).
func TestReplySlot(t *testing.T) {
	run(t, "replyslot")
}

// TestCommSilent: correct channel code; any diagnostic is a false positive.
func TestCommSilent(t *testing.T) {
	run(t, "commsilent")
}

// TestCommCrossPkg analyses commcross/gen and commcross/use together: the
// findings are only connected through facts exported by gen, and every one
// is expected in use, so gen (which has no wants) must stay silent.
func TestCommCrossPkg(t *testing.T) {
	run(t, "commcross/gen", "commcross/use")
}

// TestSuggestedFixes applies every suggested fix in package fixes and
// compares the result with fixes.go.golden.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(ignoreFacts{t}, testdataDir(t), analyzer.Analyzer, "fixes")
}

// TestFuture: Waits for goroutines found blocked forever.
func TestFuture(t *testing.T) {
	run(t, "future")
}

// TestConcurrentWants: the claims between two goroutines, with the witness
// that both run at once and without (see TestConcurrencyWitness).
func TestConcurrentWants(t *testing.T) {
	run(t, "concurrent")
}

// TestBuildTags: a resource a file left out of this build names (another
// platform's file) may find its partner there, so the claims that rest on
// every function of the package stay silent about it; resources no file
// names are still reported, and files that belong to no build of the
// package (go:build ignore generators) change nothing.
func TestBuildTags(t *testing.T) {
	run(t, "buildtags")
}
