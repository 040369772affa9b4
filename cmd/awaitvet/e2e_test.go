package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/analyzer"
)

func TestHelp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	r := awaitvet(t, dir, "help")
	if r.code != 0 {
		t.Fatalf("help: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	// Every check, with its title, in table order within its tier.
	last := map[analyzer.Tier]int{analyzer.Default: -1, analyzer.Experimental: -1}
	for _, c := range analyzer.Checks {
		line := regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(c.Name) + `\s+` + regexp.QuoteMeta(c.Title) + `$`)
		loc := line.FindStringIndex(r.stdout)
		if loc == nil {
			t.Errorf("help does not list %q with its title:\n%s", c.Name, r.stdout)
			continue
		}
		if loc[0] < last[c.Tier()] {
			t.Errorf("help lists %q out of analyzer.Checks order", c.Name)
		}
		last[c.Tier()] = loc[0]
	}
	if !strings.Contains(r.stdout, "awaitvet help NAME") {
		t.Errorf("help does not say how to get more:\n%s", r.stdout)
	}

	for _, c := range analyzer.Checks {
		r := awaitvet(t, dir, "help", c.Name)
		if r.code != 0 || r.stdout != c.String() {
			t.Errorf("help %s: exit %d, stdout:\n%s\nwant:\n%s", c.Name, r.code, r.stdout, c.String())
		}
	}

	for _, sub := range []string{"graph", "chains"} {
		r, h := awaitvet(t, dir, "help", sub), awaitvet(t, dir, sub, "-h")
		if r.code != 0 || r.stdout != h.stdout || !strings.HasPrefix(r.stdout, "usage: awaitvet "+sub) {
			t.Errorf("help %s: exit %d, stdout:\n%s\nwant what %s -h prints:\n%s", sub, r.code, r.stdout, sub, h.stdout)
		}
	}

	r = awaitvet(t, dir, "help", "bogus")
	if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, `unknown check "bogus"`) {
		t.Errorf("help bogus: exit %d (want %d), stdout %q, stderr %q", r.code, exitUsage, r.stdout, r.stderr)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	r := awaitvet(t, dir, "version")
	want := regexp.MustCompile(`^awaitvet \S+ ` + regexp.QuoteMeta(runtime.Version()) + "\n$")
	if r.code != 0 || !want.MatchString(r.stdout) {
		t.Errorf("version: exit %d, stdout %q, want match for %s", r.code, r.stdout, want)
	}

	// go vet's own handshake still reaches unitchecker.
	r = awaitvet(t, dir, "-V=full")
	if r.code != 0 || !regexp.MustCompile(`^\S+ version devel .* buildID=[0-9a-f]+\n$`).MatchString(r.stdout) {
		t.Errorf("-V=full: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = awaitvet(t, dir, "-flags")
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(r.stdout), &flags); err != nil || r.code != 0 {
		t.Fatalf("-flags: exit %d, %v, stdout:\n%s", r.code, err, r.stdout)
	}
	names := make(map[string]bool)
	for _, f := range flags {
		names[f.Name] = true
	}
	if !names["awaitvet.checks"] || names["checks"] || names["cpuprofile"] {
		t.Errorf("-flags: want awaitvet.checks and no standalone flags, got %v", names)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	r := awaitvet(t, dir, "-h")
	if r.code != 0 {
		t.Errorf("-h: exit %d", r.code)
	}
	for _, flag := range []string{"-checks", "-json", "-tags", "-test", "-c", "-cpuprofile", "-memprofile"} {
		if !strings.Contains(r.stdout, "\n  "+flag+" ") && !strings.Contains(r.stdout, "\n  "+flag+"\n") {
			t.Errorf("-h does not list %s:\n%s", flag, r.stdout)
		}
	}
	if r := awaitvet(t, dir); r.code != exitUsage || !strings.Contains(r.stderr, "usage:") {
		t.Errorf("no arguments: exit %d (want %d), stderr:\n%s", r.code, exitUsage, r.stderr)
	}
	if r := awaitvet(t, dir, "-nosuchflag", "./..."); r.code != exitUsage {
		t.Errorf("bad flag: exit %d (want %d), stderr:\n%s", r.code, exitUsage, r.stderr)
	}
	// Flags given, no packages: the usage shows the defaults, not what
	// was given.
	r = awaitvet(t, dir, "-checks=lockorder", "-json")
	if r.code != exitUsage || !strings.Contains(r.stderr, `(default "default")`) || strings.Contains(r.stderr, `(default "lockorder")`) {
		t.Errorf("-checks=lockorder, no packages: exit %d (want %d), stderr:\n%s", r.code, exitUsage, r.stderr)
	}
}

func TestNoPackages(t *testing.T) {
	t.Parallel()
	dir := e2eDir(t)
	for _, pattern := range []string{"./nonexistent/...", "example.com/e2e/nonexistent/..."} {
		r := awaitvet(t, dir, pattern)
		if r.code != exitError || !strings.Contains(r.stderr, "awaitvet: no packages matched "+pattern) {
			t.Errorf("%s: exit %d (want %d), stderr:\n%s", pattern, r.code, exitError, r.stderr)
		}
		noCrashText(t, r.stderr)
	}
}

func TestTypeError(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/broken\n\ngo 1.26\n",
		"a/a.go": "package a\n\nvar X int = \"s\"\n",
		// b is fine but depends on a: it must not add noise of its own.
		"b/b.go": "package b\n\nimport \"example.com/broken/a\"\n\nvar Y = a.X\n",
	})

	// With the caches off every package is loaded by go/packages; with them
	// on, by the loader that asks go list -export for export data
	// (hybrid.go), which compiles a and reports the compiler's failure too.
	want := `awaitvet: package example.com/broken/a: a/a.go:3:13: cannot use "s"`
	for _, cache := range []string{"off", t.TempDir()} {
		r := command(t, dir, []string{"AWAITVET_CACHE=" + cache, "AWAITVET_RESULT_CACHE="}, awaitvetBin, "./...")
		if r.code != exitError {
			t.Errorf("cache %s: exit %d, want %d", cache, r.code, exitError)
		}
		if !strings.Contains(r.stderr, want) {
			t.Errorf("cache %s: stderr does not contain %q:\n%s", cache, want, r.stderr)
		}
		if strings.Contains(r.stderr, "prerequisites") || strings.Contains(r.stderr, "package example.com/broken/b") {
			t.Errorf("cache %s: stderr reports consequences of a's error:\n%s", cache, r.stderr)
		}
		if !strings.Contains(r.stderr, "awaitvet: 1 package was not analysed: it imports packages with errors: example.com/broken/b\n") {
			t.Errorf("cache %s: stderr does not say that b was not analysed:\n%s", cache, r.stderr)
		}
		if strings.Count(r.stderr, "cannot use") != 1 {
			t.Errorf("cache %s: error reported more than once (package and test variant, or the compiler's and the type checker's?):\n%s", cache, r.stderr)
		}
		noCrashText(t, r.stderr)
		if strings.Contains(r.stderr, "panic") {
			t.Errorf("cache %s: stderr mentions panic:\n%s", cache, r.stderr)
		}
	}

	// With -json, load errors still fail the run, and stdout stays JSON.
	r := awaitvet(t, dir, "-json", "./...")
	if r.code != exitError || !json.Valid([]byte(r.stdout)) || !strings.Contains(r.stderr, want) {
		t.Errorf("-json: exit %d (want %d), stdout:\n%s\nstderr:\n%s", r.code, exitError, r.stdout, r.stderr)
	}
}

// TestManyTypeErrors: a package with more errors than maxPackageErrors
// prints that many and one line counting the rest; -v prints them all.
func TestManyTypeErrors(t *testing.T) {
	t.Parallel()
	src := "package a\n\n"
	for i := range 15 {
		src += fmt.Sprintf("func F%d() int { return undefined%d }\n", i, i)
	}
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/many\n\ngo 1.26\n",
		"a/a.go": src,
	})
	for _, cache := range []string{"off", t.TempDir()} {
		env := []string{"AWAITVET_CACHE=" + cache, "AWAITVET_RESULT_CACHE="}
		r := command(t, dir, env, awaitvetBin, "./...")
		if r.code != exitError {
			t.Errorf("cache %s: exit %d, want %d", cache, r.code, exitError)
		}
		if n := strings.Count(r.stderr, "undefined: undefined"); n != maxPackageErrors {
			t.Errorf("cache %s: %d errors printed, want %d:\n%s", cache, n, maxPackageErrors, r.stderr)
		}
		if !strings.Contains(r.stderr, "awaitvet: package example.com/many/a: too many errors (5 more; -v prints them all)") {
			t.Errorf("cache %s: stderr does not count the errors left out:\n%s", cache, r.stderr)
		}
		r = command(t, dir, env, awaitvetBin, "-v", "./...")
		if n := strings.Count(r.stderr, "undefined: undefined"); n != 15 || strings.Contains(r.stderr, "too many errors") {
			t.Errorf("cache %s, -v: %d errors printed, want all 15:\n%s", cache, n, r.stderr)
		}
		noCrashText(t, r.stderr)
	}
}

// TestCgoFailure: a package whose cgo preamble cannot be compiled here (a
// missing C header) is named in one line that says cgo did not process it,
// not in the type checker's words about a package "C" it cannot find.
func TestCgoFailure(t *testing.T) {
	t.Parallel()
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is disabled")
	}
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/cgomissing\n\ngo 1.26\n",
		"c/c.go": "package c\n\n/*\n#include <awaitvet_no_such_header.h>\n*/\nimport \"C\"\n\nfunc F() {}\n",
		// Two preambles in one file: two import "C" to the type checker.
		"c/d.go": "package c\n\n/*\n#include <awaitvet_no_such_header.h>\n*/\nimport \"C\"\n\n/*\n#define X 1\n*/\nimport \"C\"\n\nfunc G() {}\n\ntype Flags = C.VkFlags\n\nconst (\n\tFA Flags = C.VK_F\n\tGA Flags = C.VK_G\n)\n",
		// A package that imports it meets its C constants gone invalid.
		"u/u.go": "package u\n\nimport \"example.com/cgomissing/c\"\n\nvar Z = c.FA | c.GA\n",
	})
	// With the caches on (hybrid.go's loader) and off (go/packages').
	for _, cache := range []string{t.TempDir(), "off"} {
		r := command(t, dir, []string{"AWAITVET_CACHE=" + cache, "AWAITVET_RESULT_CACHE="}, awaitvetBin, "./...")
		if r.code != exitError {
			t.Errorf("cache %s: exit %d, want %d", cache, r.code, exitError)
		}
		want := "awaitvet: package example.com/cgomissing/c: c/c.go:6:8: could not import C (cgo did not process this package"
		if !strings.Contains(r.stderr, want) || strings.Count(r.stderr, "could not import C") != 1 || strings.Contains(r.stderr, "no metadata") || strings.Contains(r.stderr, "redeclared") || strings.Contains(r.stderr, "fatal error") {
			t.Errorf("cache %s: stderr does not name the cgo failure once, as %q:\n%s", cache, want, r.stderr)
		}
		// (go/packages, with the caches off, does not type-check u: it is
		// among the packages not analysed for what they import.)
		follow := "awaitvet: package example.com/cgomissing/u: not analysed: it imports example.com/cgomissing/c, which cgo did not process (1 type error follows from that; -v prints them)\n"
		skipped := "awaitvet: 1 package was not analysed: it imports packages with errors: example.com/cgomissing/u\n"
		if !strings.Contains(r.stderr, follow) && (cache != "off" || !strings.Contains(r.stderr, skipped)) || strings.Contains(r.stderr, "invalid operation") {
			t.Errorf("cache %s: stderr does not say in one line that u's errors follow from c's:\n%s", cache, r.stderr)
		}
		if cache != "off" {
			v := command(t, dir, []string{"AWAITVET_CACHE=" + cache, "AWAITVET_RESULT_CACHE="}, awaitvetBin, "-v", "./...")
			if !strings.Contains(v.stderr, "u/u.go:5:9: invalid operation") {
				t.Errorf("cache %s: -v does not print u's type error:\n%s", cache, v.stderr)
			}
		}
		noCrashText(t, r.stderr)
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	// lockupgrade has findings and no test files (which would bring the
	// testing package's dependencies into the analysis and make this slow).
	r := awaitvet(t, e2eDir(t), "-json", "./lockupgrade")
	var tree map[string]map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, r.stdout)
	}
	if r.code != 0 {
		t.Errorf("-json: exit %d, want 0 (as the x/tools drivers), stderr:\n%s", r.code, r.stderr)
	}
}

// TestModesAgree runs the real analyzer both ways over the module of classic
// bugs and requires the same findings and matching exit codes.
func TestModesAgree(t *testing.T) {
	t.Parallel()
	dir := e2eDir(t)

	// Every check, experimental ones included: both modes must agree on all.
	vet := goVet(t, dir, nil, awaitvetBin, "-awaitvet.checks=all", "./...")
	alone := awaitvet(t, dir, "-checks=all", "./...")
	noCrashText(t, vet.stderr)
	noCrashText(t, alone.stderr)
	vetSet, aloneSet := primary(t, vet.stderr, dir), primary(t, alone.stdout, dir)
	sameFindings(t, vetSet, aloneSet)
	for line, n := range aloneSet {
		if n > 1 {
			t.Errorf("standalone reports %d times: %s", n, line)
		}
	}

	// Exit codes follow the findings, whatever they are.
	wantVet, wantAlone := 0, exitClean
	if len(aloneSet) > 0 {
		wantVet, wantAlone = 1, exitFindings
	}
	if vet.code != wantVet || alone.code != wantAlone {
		t.Errorf("exit codes: go vet %d (want %d), standalone %d (want %d)\ngo vet stderr:\n%s\nstandalone stderr:\n%s",
			vet.code, wantVet, alone.code, wantAlone, vet.stderr, alone.stderr)
	}

	t.Run("clean", func(t *testing.T) {
		vet := goVet(t, dir, nil, awaitvetBin, "./clean")
		alone := awaitvet(t, dir, "./clean")
		if vet.code != 0 || alone.code != exitClean || alone.stdout != "" {
			t.Errorf("clean package: go vet exit %d, standalone exit %d\nstandalone stdout:\n%s\ngo vet stderr:\n%s",
				vet.code, alone.code, alone.stdout, vet.stderr)
		}
	})

	// Each buggy package yields its finding in both modes; crossdown's two
	// findings need crossup's facts, which go vet passes between processes.
	t.Run("finds-classic-bugs", func(t *testing.T) {
		want := map[string]string{
			"doublelock/":  "double lock: (*Server).mu",
			"lockupgrade/": "read-to-write upgrade: (*Cache).mu",
			"unreleased/":  "lock not released: (*Queue).mu",
			"crossdown/":   "lock-order cycle: (*Cache).mu acquired while holding (*crossup.Registry).mu",
			"crossdown/c":  "double lock: (*crossup.Registry).mu",
			// The interface ifacestore calls under its lock is implemented
			// in ifacecache: only ifacestore's facts join them.
			"ifacecache/": "lock-order cycle: (*ifacestore.Store).mu acquired while holding (*Cache).mu",
		}
		for prefix, text := range want {
			pkg := prefix[:strings.Index(prefix, "/")+1]
			found := false
			for line := range vetSet {
				found = found || strings.HasPrefix(line, pkg) && strings.Contains(line, text)
			}
			if !found {
				t.Errorf("go vet: no finding %q in package %s", text, pkg)
			}
		}
		if alone.code != exitFindings || vet.code != 1 {
			t.Errorf("exit codes on the buggy module: standalone %d (want %d), go vet %d (want 1)",
				alone.code, exitFindings, vet.code)
		}
	})
}

// TestModesAgreeFake does what TestModesAgree does with the stand-in
// analyzer, whose findings are known: each Lock call outside package clean,
// with one related location.
func TestModesAgreeFake(t *testing.T) {
	skipShort(t)
	t.Parallel()
	dir := e2eDir(t)
	env := []string{toolEnv + "=1"}

	// Not ./clean: TestCrash runs the stand-in there, and go vet would replay
	// this run's cached result for it.
	pkgs := []string{"./doublelock", "./lockupgrade", "./unreleased"}
	vet := goVet(t, dir, env, testBin, pkgs...)
	alone := command(t, dir, env, testBin, pkgs...)
	vetSet, aloneSet := primary(t, vet.stderr, dir), primary(t, alone.stdout, dir)
	sameFindings(t, vetSet, aloneSet)
	want := []string{
		"doublelock/doublelock.go:14: fake: Lock in Close [fake]",
		"doublelock/doublelock.go:20: fake: Lock in flush [fake]",
		"lockupgrade/lockupgrade.go:18: fake: Lock in Load [fake]",
		"unreleased/unreleased.go:19: fake: Lock in Pop [fake]",
	}
	if got := sortedKeys(aloneSet); !slices.Equal(got, want) {
		t.Errorf("standalone findings:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	// doublelock has a test variant: each finding must still appear once.
	for line, n := range aloneSet {
		if n > 1 {
			t.Errorf("standalone reports %d times: %s", n, line)
		}
	}
	if vet.code != 1 || alone.code != exitFindings {
		t.Errorf("exit codes: go vet %d (want 1), standalone %d (want %d)", vet.code, alone.code, exitFindings)
	}

	// The exact text: sorted, related location indented under its finding,
	// the check's name after the finding's message.
	wantText := "doublelock/doublelock.go:14:2: fake: Lock in Close [fake]\n" +
		"\tdoublelock/doublelock.go:13:18: fake: enclosing function Close\n" +
		"doublelock/doublelock.go:20:2: fake: Lock in flush [fake]\n" +
		"\tdoublelock/doublelock.go:19:18: fake: enclosing function flush\n" +
		"lockupgrade/lockupgrade.go:18:3: fake: Lock in Load [fake]\n" +
		"\tlockupgrade/lockupgrade.go:14:17: fake: enclosing function Load\n" +
		"unreleased/unreleased.go:19:2: fake: Lock in Pop [fake]\n" +
		"\tunreleased/unreleased.go:18:17: fake: enclosing function Pop\n"
	if alone.stdout != wantText {
		t.Errorf("standalone output:\n%s\nwant:\n%s", alone.stdout, wantText)
	}
	// unitchecker prints the same hop as "file:line:col: \tmessage".
	if !strings.Contains(vet.stderr, "doublelock/doublelock.go:13:18: \tfake: enclosing function Close\n") {
		t.Errorf("go vet output lacks the related location:\n%s", vet.stderr)
	}

	clean := command(t, dir, env, testBin, "./clean")
	cleanVet := goVet(t, dir, env, testBin, "./clean")
	if clean.code != exitClean || clean.stdout != "" || cleanVet.code != 0 {
		t.Errorf("clean package: standalone exit %d, stdout %q; go vet exit %d, stderr:\n%s",
			clean.code, clean.stdout, cleanVet.code, cleanVet.stderr)
	}

	// The driver's flags. -test=false keeps these runs small (no testing
	// package and its dependencies to load).
	ctx := command(t, dir, env, testBin, "-test=false", "-c", "0", "./unreleased")
	if !strings.Contains(ctx.stdout, "19\t\tq.mu.Lock()\n") || !strings.Contains(ctx.stdout, "\t18\tfunc (q *Queue) Pop() (int, error) {\n") {
		t.Errorf("-c 0 output lacks the source lines:\n%s", ctx.stdout)
	}

	js := command(t, dir, env, testBin, "-test=false", "-json", "./doublelock")
	var tree map[string]map[string][]struct {
		Posn    string
		Message string
		Related []struct{ Posn, Message string }
	}
	if err := json.Unmarshal([]byte(js.stdout), &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, js.stdout)
	}
	diags := tree["example.com/e2e/doublelock"]["awaitvet"]
	if js.code != 0 || len(diags) != 2 || len(diags[0].Related) != 1 {
		t.Errorf("-json: exit %d (want 0 despite findings), diagnostics %+v", js.code, diags)
	}
	if len(tree) != 1 {
		t.Errorf("-json -test=false: want only package doublelock, got %d packages:\n%s", len(tree), js.stdout)
	}

	prof := t.TempDir()
	cpu, mem := filepath.Join(prof, "cpu.pprof"), filepath.Join(prof, "mem.pprof")
	tagged := command(t, dir, env, testBin, "-test=false", "-tags=e2etag", "-cpuprofile", cpu, "-memprofile", mem, "./doublelock")
	if !strings.Contains(tagged.stdout, "doublelock/tagged.go:8:2: fake: Lock in Reset [fake]\n") {
		t.Errorf("-tags=e2etag: tagged file not analyzed:\n%s", tagged.stdout)
	}
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("profile %s not written: %v", f, err)
		}
	}
}

// TestCrash checks that a panic in the analyzer is reported as an error
// naming the package, in both modes, not as a goroutine dump.
func TestCrash(t *testing.T) {
	t.Parallel()
	// A fresh copy of package clean, with a nonce: go vet's result cache is
	// keyed by the package and the tool, not the tool's flags, so vetting
	// the shared e2e module here would replay another test's clean result.
	dir := writeModule(t, map[string]string{
		"go.mod":         "module example.com/e2e\n\ngo 1.26\n",
		"clean/clean.go": fmt.Sprintf("// Package clean is vetted by TestCrash (nonce %d).\npackage clean\n\nfunc OK() {}\n", time.Now().UnixNano()),
	})
	env := []string{toolEnv + "=1"}
	const want = "package example.com/e2e/clean: internal error: analyzer crashed: boom"

	// The analyzer's flag, without prefix standalone, with it under go vet.
	alone := command(t, dir, env, testBin, "-mode=crash", "./...")
	if alone.code != exitError || !strings.Contains(alone.stderr, "awaitvet: "+want) {
		t.Errorf("standalone: exit %d (want %d), stderr:\n%s", alone.code, exitError, alone.stderr)
	}
	if strings.Count(alone.stderr, want) != 1 {
		t.Errorf("standalone reports the crash more than once:\n%s", alone.stderr)
	}
	noCrashText(t, alone.stderr)

	vet := goVet(t, dir, env, testBin, "-awaitvet.mode=crash", "./clean")
	if vet.code != 1 || !strings.Contains(vet.stderr, want) {
		t.Errorf("go vet: exit %d (want 1), stderr:\n%s", vet.code, vet.stderr)
	}
	noCrashText(t, vet.stderr)
}

// TestFix: -fix rewrites the files as the analyzer's golden file says, and
// the fixed module is clean.
func TestFix(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", "fixes", "fixes.go"))
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", "fixes", "fixes.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, map[string]string{
		"go.mod":         "module example.com/fixes\n\ngo 1.26\n",
		"fixes/fixes.go": string(src),
	})
	if r := awaitvet(t, dir, "-checks=all", "-fix", "./..."); r.code != exitFindings {
		t.Fatalf("awaitvet -fix: exit %d, want %d; stderr:\n%s", r.code, exitFindings, r.stderr)
	}
	got, err := os.ReadFile(filepath.Join(dir, "fixes", "fixes.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(golden) {
		t.Errorf("after -fix:\n%s\nwant:\n%s", got, golden)
	}
	if r := awaitvet(t, dir, "-checks=all", "./..."); r.code != exitClean {
		t.Errorf("fixed module: exit %d, want %d; stdout:\n%s", r.code, exitClean, r.stdout)
	}
}

// TestTooLargeNote: a function too large to analyse is skipped with a note on
// standard error in both modes (once, though the package and its test
// variant both hold it), and the run is otherwise clean. Under go vet the
// note comes from the package's own run only, not from the facts-only runs
// of the packages importing it.
func TestTooLargeNote(t *testing.T) {
	skipShort(t)
	t.Parallel()
	var b strings.Builder
	b.WriteString("package huge\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\n// Table has thousands of branches.\nfunc Table(x int) int {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tswitch {\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "\tcase x == %d:\n\t\tif x > %d {\n\t\t\treturn %d\n\t\t}\n", i, i/2, i)
	}
	b.WriteString("\t}\n\treturn -1\n}\n")
	dir := writeModule(t, map[string]string{
		"go.mod":            "module example.com/huge\n\ngo 1.26\n",
		"huge.go":           b.String(),
		"huge_test.go":      "package huge\n\nimport \"testing\"\n\nfunc TestTable(t *testing.T) { Table(1) }\n",
		"user/user.go":      "package user\n\nimport \"example.com/huge\"\n\nfunc Use() int { return huge.Table(2) }\n",
		"user/user_test.go": "package user\n\nimport \"testing\"\n\nfunc TestUse(t *testing.T) { Use() }\n",
	})
	// go vet shortens the path to ./huge.go.
	const note = "huge.go:8:6: huge.Table not analysed: "
	for _, r := range []result{awaitvet(t, dir, "./..."), goVet(t, dir, nil, awaitvetBin, "./...")} {
		noCrashText(t, r.stderr)
		if n := strings.Count(r.stderr, note); n != 1 {
			t.Errorf("the note %q appears %d times, want once; stderr:\n%s", note, n, r.stderr)
		}
		if !strings.Contains(r.stderr, "awaitvet: note: ") || !strings.Contains(r.stderr, "more than 5000") || r.code != 0 || r.stdout != "" {
			t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
	}
}

// TestVetFlagTypo: a mistyped analyzer flag under go vet fails every run,
// not only the first: a run that went through would be cached by the go
// command and replayed as clean, and a CI job with a warm cache would lint
// nothing and stay green.
func TestVetFlagTypo(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/typo\n\ngo 1.26\n",
		"a.go":   "package typo\n\nimport \"sync\"\n\nvar mu sync.Mutex\n\nfunc F() { mu.Lock(); mu.Unlock() }\n",
	})
	for i := range 2 {
		r := goVet(t, dir, nil, awaitvetBin, "-awaitvet.checks=doublelokc", "./...")
		if r.code == 0 || !strings.Contains(r.stderr, `-checks: unknown check "doublelokc"`) {
			t.Errorf("run %d: go vet exit %d, stderr:\n%s", i+1, r.code, r.stderr)
		}
	}
	if r := goVet(t, dir, nil, awaitvetBin, "-awaitvet.checks=doublelock", "./..."); r.code != 0 {
		t.Errorf("a valid -awaitvet.checks: go vet exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestStandaloneFlagTypo: a bad analyzer flag in standalone mode is one line
// and a usage error, before any package is loaded.
func TestStandaloneFlagTypo(t *testing.T) {
	t.Parallel()
	dir := e2eDir(t)
	for _, args := range [][]string{{"-checks=bogus", "./..."}, {"graph", "-checks=bogus", "./..."}, {"-disable=all", "./..."}} {
		r := awaitvet(t, dir, args...)
		if r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "unknown check") || r.stdout != "" {
			t.Errorf("awaitvet %s: exit %d (want %d), stdout %q, stderr:\n%s", strings.Join(args, " "), r.code, exitUsage, r.stdout, r.stderr)
		}
	}
}

// TestBaseline: -baseline writes the findings the first time and reports
// none; later runs report only findings not in it, even after the old ones
// moved to other lines, and exit 3 only for new ones.
func TestBaseline(t *testing.T) {
	skipShort(t)
	t.Parallel()
	const lib = "package lib\n\nimport \"sync\"\n\ntype S struct{ mu sync.Mutex }\n\nfunc (s *S) get() int {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\treturn 1\n}\n\nfunc (s *S) Total() int {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\treturn s.get()\n}\n"
	dir := writeModule(t, map[string]string{"go.mod": "module example.com/lib\n\ngo 1.26\n", "lib/lib.go": lib})
	bl := filepath.Join(dir, "awaitvet.baseline")
	if r := awaitvet(t, dir, "-checks=doublelock,callrelock", "-baseline="+bl, "./..."); r.code != exitClean || r.stdout != "" || !strings.Contains(r.stderr, "wrote 1 findings to the baseline") {
		t.Fatalf("first run: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// The old finding moves down three lines: still in the baseline.
	moved := strings.Replace(lib, "import \"sync\"\n", "import \"sync\"\n\n// S counts.\n//\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "lib", "lib.go"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := awaitvet(t, dir, "-checks=doublelock,callrelock", "-baseline="+bl, "./..."); r.code != exitClean || r.stdout != "" {
		t.Errorf("moved finding: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	// A new double lock is reported, alone.
	added := moved + "\nfunc (s *S) Again() int {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\treturn s.get()\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "lib", "lib.go"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	r := awaitvet(t, dir, "-checks=doublelock,callrelock", "-baseline="+bl, "./...")
	if r.code != exitFindings || strings.Count(r.stdout, "double lock") != 1 || !strings.Contains(r.stdout, "(*S).Again") || !strings.Contains(r.stderr, "1 findings in the baseline") {
		t.Errorf("new finding: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestGitHubFormat: -format=github prints one workflow command per finding,
// its chain escaped into the message.
func TestGitHubFormat(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// A default check's finding is an error, an experimental one's a notice.
	r := awaitvet(t, root, "-format=github", "-checks=all", "./examples/ledger")
	for _, want := range []string{
		"::error file=examples/ledger/ledger.go,line=41,col=3,title=awaitvet unreleased::lock not released: (*Ledger).mu is still held when this path returns%0Aexamples/ledger/ledger.go:39: (*Ledger).Withdraw locks (*Ledger).mu%0Aexamples/ledger/ledger.go:45: (*Ledger).Withdraw returns here with it released\n",
		"::notice file=examples/ledger/ledger.go,line=54,col=21,title=awaitvet callrelock::double lock: (*Ledger).mu acquired while already held (through (*Ledger).Balance, which locks it on every path)%0Aexamples/ledger/ledger.go:50: (*Ledger).Total locks (*Ledger).mu%0Aexamples/ledger/ledger.go:32: (*Ledger).Balance locks (*Ledger).mu\n",
	} {
		if r.code != exitFindings || !strings.Contains(r.stdout, want) || strings.Count(r.stdout, "\n") != strings.Count(r.stdout, "::error ")+strings.Count(r.stdout, "::notice ") {
			t.Errorf("exit %d, stdout:\n%s\nwant a line:\n%s", r.code, r.stdout, want)
		}
	}
	if r := awaitvet(t, root, "-format=xml", "./examples/ledger"); r.code != exitUsage {
		t.Errorf("-format=xml: exit %d, want %d", r.code, exitUsage)
	}
}

// TestProgress: -v shows progress on standard error when it is not a
// terminal (without -v nothing is added there: other tests check that a
// clean run's stderr is empty).
func TestProgress(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	r := awaitvet(t, root, "-v", "./examples/ledger")
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	last := lines[len(lines)-1]
	var done, total int
	if _, err := fmt.Sscanf(last, "awaitvet: analysed %d/%d packages", &done, &total); err != nil || done != total || total < 2 ||
		lines[0] != "awaitvet: loading packages…" || r.code != exitFindings {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
