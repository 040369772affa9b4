package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const runJSON = `{
	"example.com/m/b": {
		"awaitvet": [
			{"category": "doublelock", "posn": "/mod/example.com/m@v1.0.0/b/b.go:20:2", "message": "mutex locked twice\nmore", "related": [
				{"posn": "/mod/example.com/m@v1.0.0/b/b.go:10:2", "message": "first\tlock"},
				{"posn": "/mod/golang.org/x/sync@v0.1.0/e.go:3:4", "message": "in a dependency"},
				{"posn": "/goroot/src/sync/mutex.go:1:1", "message": "in the standard library"}
			]},
			{"category": "leak", "posn": "/mod/example.com/m@v1.0.0/b/b.go:9:1", "message": "goroutine leak"},
			{"category": "leak", "posn": "/mod/example.com/m@v1.0.0/b/b.go:9:1", "message": "goroutine leak"}
		]
	},
	"example.com/m/a": {
		"awaitvet": [
			{"category": "leak", "posn": "/mod/example.com/m@v1.0.0/a/a.go:100:1", "message": "goroutine leak"}
		]
	}
}`

var paths = Paths{ModDir: "/mod/example.com/m@v1.0.0", ModCache: "/mod", GoRoot: "/goroot"}

func TestNormalize(t *testing.T) {
	rows, errs, err := Normalize(strings.NewReader(runJSON), paths)
	if err != nil || len(errs) > 0 {
		t.Fatalf("Normalize: %v %v", err, errs)
	}
	var b bytes.Buffer
	WriteFindings(&b, "title", rows)
	want := "# title\n" + FindingsHeader + "\n" +
		"leak\ta/a.go:100:1\tgoroutine leak\t\n" +
		"leak\tb/b.go:9:1\tgoroutine leak\t\n" + // the duplicate dropped; line 9 before line 20
		"doublelock\tb/b.go:20:2\tmutex locked twice\tb/b.go:10:2: first lock | golang.org/x/sync@v0.1.0/e.go:3:4: in a dependency | GOROOT/src/sync/mutex.go:1:1: in the standard library\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestNormalizeErrors(t *testing.T) {
	in := `{"example.com/m/a": {"awaitvet": {"error": "analyzer crashed: panic: boom\ngoroutine 1"}},
		"example.com/m/b": {"awaitvet": []}}`
	_, errs, err := Normalize(strings.NewReader(in), paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "example.com/m/a") || !strings.Contains(errs[0], "analyzer crashed: panic: boom") {
		t.Errorf("errs = %q, want the crash of example.com/m/a", errs)
	}
	if _, _, err := Normalize(strings.NewReader(""), paths); err == nil {
		t.Error("no error for empty input")
	}

	// The command writes no file when the run has errors.
	out := filepath.Join(t.TempDir(), "m.tsv")
	var stdout, stderr bytes.Buffer
	code := run([]string{"normalize", "-o", out}, strings.NewReader(in), &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "analysis error: example.com/m/a") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a findings file was written for a failed run")
	}
}

// corpus writes a corpus directory: two modules, one per half.
func corpus(t *testing.T, labels string) string {
	dir := t.TempDir()
	write := func(name, s string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("modules.tsv", "# short\tmodule\tversion\tdir\thalf\ttags\n"+
		"a\texample.com/a\tv1.0.0\tmods/a\ttune\t-\n"+
		"b\texample.com/b\tv1.0.0\tmods/b\tholdout\tnoassets\n")
	write("findings/a.tsv", "# a\n"+FindingsHeader+"\n"+
		"leak\tx.go:1:1\tgoroutine leak\t\n"+
		"lockorder\tx.go:5:1\tcycle A\t\n"+
		"lockorder\tx.go:5:1\tcycle B\t\n")
	write("findings/b.tsv", "# b\n"+FindingsHeader+"\n"+
		"leak\ty.go:2:1\tgoroutine leak\t\n")
	write("labels.tsv", LabelsHeader+"\n"+labels)
	return dir
}

func gate(t *testing.T, dir string, args ...string) (string, int) {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"gate", "-corpus", dir}, args...), nil, &stdout, &stderr)
	if stderr.Len() > 0 {
		t.Logf("stderr: %s", stderr.String())
	}
	return stdout.String(), code
}

func TestGatePasses(t *testing.T) {
	dir := corpus(t,
		"a\tleak\tx.go:1:1\treal\tthe sender outlives the receiver\tgoroutine leak\n"+
			"a\tlockorder\tx.go:5:1\tfalse\tserialised by an outer lock\tcycle B\n"+ // matched by message, not order
			"a\tlockorder\tx.go:5:1\tplausible\tneeds two writers\tcycle A\n"+
			"b\tleak\ty.go:2:1\tintended\ta stub that must block\tgoroutine leak\n")
	// The false finding is there: known, counted against lockorder's
	// precision, not a failure.
	out, code := gate(t, dir)
	if code != 0 || strings.Contains(out, "FAIL: ") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// The holdout half alone passes.
	out, code = gate(t, dir, "-half", "holdout")
	if code != 0 || !strings.Contains(out, "gate (holdout): ok") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// The precision rows: tune has 3 findings, 2 true of 3 judged.
	for _, want := range []string{
		"| tune | lockorder | 2 | 0 | 1 | 0 | 1 | 0 | 50% |",
		"| tune | **all** | 3 | 1 | 1 | 0 | 1 | 0 | 67% |",
		"| all | leak | 2 | 1 | 0 | 1 | 0 | 0 | 100% |",
	} {
		if out, _ := gate(t, dir); !strings.Contains(out, want) {
			t.Errorf("no row %q in\n%s", want, out)
		}
	}

	// Once the false finding is gone, the gate passes and notes it.
	os.WriteFile(filepath.Join(dir, "findings/a.tsv"), []byte(FindingsHeader+"\n"+
		"leak\tx.go:1:1\tgoroutine leak\t\n"+
		"lockorder\tx.go:5:1\tcycle A\t\n"), 0o644)
	out, code = gate(t, dir)
	if code != 0 || !strings.Contains(out, "note: false finding gone (mark-fixed makes it one that must not come back): a lockorder x.go:5:1: cycle B") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// mark-fixed records it; then its return fails the gate.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mark-fixed", "-corpus", dir}, nil, &stdout, &stderr); code != 0 || stdout.String() != "1 false labels without a finding marked fixed\n" {
		t.Fatalf("mark-fixed: exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	os.WriteFile(filepath.Join(dir, "findings/a.tsv"), []byte(FindingsHeader+"\n"+
		"leak\tx.go:1:1\tgoroutine leak\t\n"+
		"lockorder\tx.go:5:1\tcycle A\t\n"+
		"lockorder\tx.go:5:1\tcycle B\t\n"), 0o644)
	out, code = gate(t, dir)
	if code != 1 || strings.Count(out, "FAIL: ") != 1 || !strings.Contains(out, "FAIL: false finding reported again: a lockorder x.go:5:1: cycle B") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestGateFails(t *testing.T) {
	dir := corpus(t,
		"a\tleak\tx.go:1:1\t?\t\tgoroutine leak\n"+
			"a\tlockorder\tx.go:5:1\treal\tr\tcycle A\n"+
			"a\tleak\tx.go:77:1\treal\tgone now\tgoroutine leak\n")
	out, code := gate(t, dir, "-quiet")
	if code != 1 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"FAIL: finding not judged yet (verdict ?): a leak x.go:1:1",
		"FAIL: unlabelled finding: a lockorder x.go:5:1: cycle B",
		"FAIL: real finding no longer reported: a leak x.go:77:1",
		"FAIL: unlabelled finding: b leak (holdout half: position and message withheld)",
		"gate (all): FAILED, 4 causes",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "y.go") { // b is on the holdout half
		t.Errorf("a holdout finding's position is printed:\n%s", out)
	}

	// -blind: counts of each kind, no finding.
	out, _ = gate(t, dir, "-quiet", "-blind")
	for _, want := range []string{"FAIL: 2 × unlabelled finding\n", "FAIL: 1 × real finding no longer reported\n", "FAIL: 1 × finding not judged yet (verdict ?)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("-blind: no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, ".go:") {
		t.Errorf("-blind prints findings:\n%s", out)
	}

	// A module without a findings file, or whose run failed, fails the gate.
	os.Remove(filepath.Join(dir, "findings/b.tsv"))
	os.WriteFile(filepath.Join(dir, "findings/b.failed"), []byte("exit status 1\n"), 0o644)
	out, _ = gate(t, dir, "-half", "holdout", "-quiet")
	for _, want := range []string{"FAIL: no result: b: the last run failed (findings/b.failed): exit status 1", "FAIL: no result: b: no findings"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

func TestTemplate(t *testing.T) {
	dir := corpus(t, "a\tlockorder\tx.go:5:1\treal\tr\tcycle B\n")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"template", "-corpus", dir}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, _ := os.ReadFile(filepath.Join(dir, "labels.tsv"))
	want := LabelsHeader + "\n" +
		"a\tlockorder\tx.go:5:1\treal\tr\tcycle B\n" +
		"a\tleak\tx.go:1:1\t?\t\tgoroutine leak\n" +
		"a\tlockorder\tx.go:5:1\t?\t\tcycle A\n" +
		"b\tleak\ty.go:2:1\t?\t\tgoroutine leak\n"
	if string(b) != want {
		t.Errorf("labels.tsv:\n%s\nwant\n%s", b, want)
	}
	// Every finding now has a row: nothing more to add.
	stdout.Reset()
	run([]string{"template", "-corpus", dir}, nil, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "every finding has a label") {
		t.Errorf("second template: %s", stdout.String())
	}
}

func TestTable(t *testing.T) {
	dir := corpus(t, "a\tleak\tx.go:1:1\treal\tr\tgoroutine leak\n")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"table", "-corpus", dir, "tune"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"| a | leak | 1 | 1 | 0 | 0 | 0 | 0 | 100% |",
		"| a | lockorder | 2 | 0 | 0 | 0 | 0 | 2 | - |",
		"| a | **all** | 3 | 1 | 0 | 0 | 0 | 2 | 100% |",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("no %q in\n%s", want, stdout.String())
		}
	}
	if strings.Contains(stdout.String(), "| b |") {
		t.Errorf("holdout module in the tune table:\n%s", stdout.String())
	}
}

// TestGateRetired: a true finding gone from a file that retired.tsv retires
// (a rule of the model drops findings there by design) is a note, not a
// failure; the same finding elsewhere still fails.
func TestGateRetired(t *testing.T) {
	dir := corpus(t,
		"a\tlockorder\tx.go:5:1\treal\tr\tcycle A\n"+
			"a\tlockorder\tx.go:5:1\treal\tr\tcycle B\n"+
			"b\tleak\ty.go:2:1\treal\tr\tgoroutine leak\n"+
			"a\tleak\tgen/z.go:77:1\tplausible\tgone now\tgoroutine leak\n"+
			"a\tleak\tx.go:77:1\treal\tgone now\tgoroutine leak\n")
	if err := os.WriteFile(filepath.Join(dir, "retired.tsv"), []byte("# short\tglob\treason\na\tgen/*.go\tgenerated files are not reported\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := gate(t, dir)
	if code != 1 || !strings.Contains(out, "plausible finding retired: a leak gen/z.go:77:1") ||
		!strings.Contains(out, "FAIL: real finding no longer reported: a leak x.go:77:1") || strings.Contains(out, "FAIL: plausible finding no longer reported") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// TestGateRetiredMessage: a "message:" row retires the findings whose
// message starts with its prefix, in every module when its short is "*",
// wherever they are; other findings gone still fail.
func TestGateRetiredMessage(t *testing.T) {
	dir := corpus(t,
		"a\tlockorder\tx.go:5:1\treal\tr\tcycle A\n"+
			"a\tlockorder\tx.go:5:1\treal\tr\tcycle B\n"+
			"b\tleak\ty.go:2:1\treal\tr\tgoroutine leak\n"+
			"a\tnopartner\tz.go:7:2\tintended\tparks\tselect {} blocks forever outside main\n"+
			"b\tnopartner\tw.go:9:2\tintended\tparks\tselect {} blocks forever outside main\n"+
			"a\tleak\tx.go:77:1\treal\tgone now\tgoroutine leak\n")
	if err := os.WriteFile(filepath.Join(dir, "retired.tsv"), []byte("# short\tglob\treason\n*\tmessage:select {} blocks\tparks are not reported\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := gate(t, dir)
	if code != 1 || !strings.Contains(out, "intended finding retired: a nopartner z.go:7:2") || !strings.Contains(out, "intended finding retired: b nopartner w.go:9:2") ||
		!strings.Contains(out, "FAIL: real finding no longer reported: a leak x.go:77:1") || strings.Contains(out, "FAIL: intended finding no longer reported") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// TestGateGoTable: -go prints the table analyzer/precision.go holds.
func TestGateGoTable(t *testing.T) {
	dir := corpus(t,
		"a\tleak\tx.go:1:1\treal\tr\tgoroutine leak\n"+
			"a\tlockorder\tx.go:5:1\tfalse\tr\tcycle B\n"+
			"a\tlockorder\tx.go:5:1\tplausible\tr\tcycle A\n"+
			"b\tleak\ty.go:2:1\tintended\tr\tgoroutine leak\n")
	out, code := gate(t, dir, "-go")
	want := "var measured = map[string]Precision{\n\t\"leak\": {Labelled: 2, False: 0},\n\t\"lockorder\": {Labelled: 2, False: 1},\n}\n"
	if code != 0 || out != want {
		t.Errorf("exit %d:\n%s\nwant\n%s", code, out, want)
	}
}
