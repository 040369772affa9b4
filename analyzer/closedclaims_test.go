package analyzer

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// quiet takes the complaints of analysistest about `// want` comments: the
// test below runs the default tier only, so the experimental findings the
// comments expect are missing on purpose.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

// TestClosedClaimsInDefaultRun: a receive that an experimental check
// (nopartner) and neverfed both explain is reported by neverfed, in a run
// of the default tier and in a run of every check alike: the claim on the
// whole package is the one shown, and the corpus (which runs every check)
// measures the finding a default run prints.
func TestClosedClaimsInDefaultRun(t *testing.T) {
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, checks := range []string{"default", "all"} {
		setFlags(t, "checks", checks)
		got := make(map[int]string)
		for _, r := range analysistest.Run(quiet{}, dir, Analyzer, "awaitwhat") {
			for _, d := range r.Diagnostics {
				if p := r.Pass.Fset.Position(d.Pos); filepath.Base(p.Filename) == "homes.go" {
					got[p.Line] += d.Category + " "
				}
			}
		}
		if got[16] != "neverfed " {
			t.Errorf("-checks=%s: homes.go:16 (server.quit, also a nopartner finding): %q, want one neverfed finding (all: %v)", checks, got[16], got)
		}
	}
}

// TestAbandoned: the one-send, unbuffered timeout and early-return leaks are
// abandoned's findings, their fixed twins are silent, and a leak that rests
// on counting senders stays leak's (experimental, so only with every
// check). abandoned's tier follows its corpus record (analyzer/precision.go):
// the default run reports its findings when it is in the default tier.
func TestAbandoned(t *testing.T) {
	own := map[string]string{"abandoned.go:18": "abandoned ", "abandoned.go:66": "abandoned ",
		"paths.go:29": "abandoned ", "paths.go:60": "abandoned ", "paths.go:85": "abandoned ",
		"paths.go:120": "abandoned ", "exclusive.go:40": "abandoned ", "exclusive.go:92": "abandoned ", "exits.go:29": "abandoned ",
		"exits.go:71": "abandoned ", "exits.go:86": "abandoned ", "exits.go:105": "abandoned ",
		"exits.go:153": "abandoned ", "exits.go:193": "abandoned ", "exits.go:218": "abandoned ",
		"counted.go:57": "abandoned ", "counted.go:74": "abandoned ", "counted.go:91": "abandoned ", "counted.go:92": "abandoned ", "exitcase.go:38": "abandoned ",
		"correlated.go:43": "abandoned ", "correlated.go:58": "abandoned ", "correlated.go:118": "abandoned ", "pointerflag.go:41": "abandoned ", "pointerflag.go:118": "abandoned ", "pointerflag.go:132": "abandoned ", "pointerflag.go:173": "abandoned ",
		"handoffseq.go:17": "abandoned ", "closedsend.go:15": "abandoned ", "stubexit.go:87": "abandoned abandoned ", "closedsend.go:44": "abandoned ", "closedsend.go:63": "abandoned ", "handoffseq.go:35": "abandoned ", "handoffseq.go:54": "abandoned abandoned ", "handoffseq.go:75": "abandoned ",
		"deferdrain.go:35": "abandoned ", "correlatedcmp.go:41": "abandoned ",
		"correlatedfield.go:70": "abandoned ", "correlatedfield.go:85": "abandoned ", "purecheck.go:41": "abandoned ", "purecheck.go:61": "abandoned ", "purecheck.go:110": "abandoned ", "recovered.go:34": "abandoned ", "lengths.go:24": "abandoned ", "lengths.go:54": "abandoned ", "nilchan.go:25": "abandoned ", "lengths.go:86": "abandoned ", "calleeselect.go:28": "abandoned ", "handed.go:27": "abandoned ", "handed.go:66": "abandoned ", "ctxcancel.go:33": "abandoned ", "ctxcancel.go:76": "abandoned ", "joinclose.go:39": "abandoned ", "joinclose.go:83": "abandoned ", "genericctx.go:46": "abandoned ", "ownerafter.go:53": "abandoned ", "ownerafter.go:67": "abandoned ", "handed.go:102": "abandoned ", "handed.go:139": "abandoned ", "outerguard.go:47": "abandoned ", "outerguard.go:87": "abandoned ", "madeunder.go:26": "abandoned ", "correlatedfield.go:116": "abandoned ", "retryturn.go:46": "abandoned ", "retryturn.go:62": "abandoned ", "correlatedfield.go:158": "abandoned "}
	if abandonedCheck.Tier() != Default {
		own = map[string]string{}
	}
	checkCategories(t, "abandoned", map[string]map[string]string{
		"default": own,
		"all": {"abandoned.go:18": "abandoned ", "abandoned.go:66": "abandoned ", "abandoned.go:88": "leak ",
			"paths.go:29": "abandoned ", "paths.go:60": "abandoned ", "paths.go:85": "abandoned ",
			"paths.go:104": "leak ", "paths.go:120": "abandoned ", "exclusive.go:40": "abandoned ", "exclusive.go:92": "abandoned ", "exits.go:29": "abandoned ",
			"exits.go:71": "abandoned ", "exits.go:86": "abandoned ", "exits.go:105": "abandoned ",
			"exits.go:153": "abandoned ", "exits.go:193": "abandoned ", "exits.go:218": "abandoned ",
			"counted.go:55": "leak ", "counted.go:57": "abandoned ", "counted.go:74": "abandoned ", "counted.go:75": "leak ", "counted.go:136": "leak leak ", "counted.go:192": "leak leak ",
			"counted.go:91": "abandoned ", "counted.go:92": "abandoned ", "exitcase.go:38": "abandoned ",
			"correlated.go:43": "abandoned ", "correlated.go:58": "abandoned ", "correlated.go:118": "abandoned ", "pointerflag.go:41": "abandoned ", "pointerflag.go:118": "abandoned ", "pointerflag.go:132": "abandoned ", "pointerflag.go:173": "abandoned ",
			"handoffseq.go:17": "abandoned ", "closedsend.go:15": "abandoned ", "stubexit.go:87": "abandoned abandoned ", "closedsend.go:44": "abandoned ", "closedsend.go:63": "abandoned ", "handoffseq.go:35": "abandoned ", "handoffseq.go:54": "abandoned abandoned ", "handoffseq.go:75": "abandoned ",
			"deferdrain.go:35": "abandoned ", "correlatedcmp.go:41": "abandoned ",
			"correlatedfield.go:70": "abandoned ", "correlatedfield.go:85": "abandoned ", "purecheck.go:41": "abandoned ", "purecheck.go:61": "abandoned ", "purecheck.go:110": "abandoned ", "recovered.go:34": "abandoned ", "lengths.go:24": "abandoned ", "lengths.go:54": "abandoned ", "nilchan.go:25": "abandoned ", "lengths.go:86": "abandoned ", "calleeselect.go:28": "abandoned ", "handed.go:27": "abandoned ", "handed.go:66": "abandoned ", "ctxcancel.go:33": "abandoned ", "ctxcancel.go:76": "abandoned ", "joinclose.go:39": "abandoned ", "joinclose.go:83": "abandoned ", "genericctx.go:46": "abandoned ", "ownerafter.go:53": "abandoned ", "ownerafter.go:67": "abandoned ", "handed.go:102": "abandoned ", "handed.go:139": "abandoned ", "outerguard.go:47": "abandoned ", "outerguard.go:87": "abandoned ", "madeunder.go:26": "abandoned ", "correlatedfield.go:116": "abandoned ", "retryturn.go:46": "abandoned ", "retryturn.go:62": "abandoned ", "correlatedfield.go:158": "abandoned "},
	})
}

// checkCategories runs pkg with the default tier and with every check and
// compares the checks that report, by file and line ("file.go:12"), with want.
func checkCategories(t *testing.T, pkg string, want map[string]map[string]string) {
	t.Helper()
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, checks := range []string{"default", "all"} {
		setFlags(t, "checks", checks)
		got := make(map[string]string)
		for _, r := range analysistest.Run(quiet{}, dir, Analyzer, pkg) {
			for _, d := range r.Diagnostics {
				p := r.Pass.Fset.Position(d.Pos)
				got[fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)] += d.Category + " "
			}
		}
		if !maps.Equal(got, want[checks]) {
			t.Errorf("%s, -checks=%s: findings by line %v, want %v", pkg, checks, got, want[checks])
		}
	}
}

// TestFanIn: fanin's claim (goroutines started in a loop, one send each, a
// fixed number of receives by their starter) is made by fanin in the
// default tier and in a run of every check, and a goroutine that sends in
// a loop, or goroutines that send only under a test, stay leak's.
func TestFanIn(t *testing.T) {
	checkCategories(t, "fanin", map[string]map[string]string{
		"default": {"fanin.go:16": "fanin ", "literal.go:26": "fanin ", "literal.go:44": "fanin ", "madelen.go:37": "fanin ", "madelen.go:45": "fanin ", "madelen.go:53": "fanin ", "madelen.go:82": "fanin ", "madelen.go:107": "fanin ", "turn.go:35": "fanin "},
		// (madelen.go:73, a loop left once two are started: leak's
		// possible surplus, no certain one of fanin's)
		"all": {"fanin.go:16": "fanin ", "fanin.go:53": "leak ", "fanin.go:83": "leak ", "fanin.go:98": "leak ", "fanin.go:127": "leak ", "fanin.go:140": "leak ", "literal.go:26": "fanin ", "literal.go:44": "fanin ", "madelen.go:37": "fanin ", "madelen.go:45": "fanin ", "madelen.go:53": "fanin ", "madelen.go:73": "leak ", "madelen.go:82": "fanin ", "madelen.go:107": "fanin ", "turn.go:35": "fanin "},
	})
}

// TestSplitClaims: a claim split out of a broader check into one of its
// own is made by that check and by no other, wherever it is made.
func TestSplitClaims(t *testing.T) {
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	setFlags(t, "checks", "all")
	for _, tc := range []struct{ pkg, text, check string }{
		{"waitgroup", "inside the loop that starts the goroutines", "waitinloop"},
		{"leak", "blocks forever: nothing sends on or closes", "neverfed"},
		{"doublelock", "locked again by this function while it holds it", "relock"},
		{"doublelock", "which locks it on every path", "callrelock"},
		// fanin: TestFanIn; the concurrent* checks: TestConcurrencyWitness
	} {
		n := 0
		for _, r := range analysistest.Run(quiet{}, dir, Analyzer, tc.pkg) {
			for _, d := range r.Diagnostics {
				if strings.Contains(d.Message, tc.text) {
					n++
					if !strings.HasPrefix(d.Category, tc.check) {
						t.Errorf("%s: [%s] %s: want %s", r.Pass.Fset.Position(d.Pos), d.Category, d.Message, tc.check)
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no finding says %q", tc.pkg, tc.text)
		}
	}
}

// TestOverSend: sends certain on every path (guards decided by the
// arguments, errors.New and fmt.Errorf never nil) that outnumber every
// receive that can happen are oversend's, and what is only possible (a
// select that may take the value, a goroutine started on some paths, an
// error nobody knows) stays leak's. Both are experimental (oversend's one
// corpus finding is false), so the default tier reports none of them;
// the measured record decides that, and the test follows it. (The //
// wants, every check: TestLeak.)
func TestOverSend(t *testing.T) {
	def := map[string]string{}
	if overSendCheck.Tier() == Default {
		def = map[string]string{"oversend.go:39": "oversend ", "oversend.go:45": "oversend ", "oversend.go:52": "oversend "}
	}
	checkCategories(t, "oversend", map[string]map[string]string{
		"default": def,
		"all": {"oversend.go:39": "oversend ", "oversend.go:45": "oversend ", "oversend.go:52": "oversend ",
			"oversend.go:88": "leak ", "oversend.go:101": "leak ", "oversend.go:109": "leak "},
	})
}
