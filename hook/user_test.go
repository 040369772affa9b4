package hook_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// These tests run "go test" as a user would, on the module in
// testdata/user, with the real testing package: what it prints is what a
// user reads.

// buildUser compiles the test binaries of the packages of testdata/user,
// in a workspace with this module (so that the user module needs neither a
// replace directive nor a go.sum), and returns the directory they are in.
func buildUser(t *testing.T, pkgs ...string) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	user := filepath.Join(root, "hook", "testdata", "user")
	dir := t.TempDir()
	work := filepath.Join(dir, "go.work")
	if err := os.WriteFile(work, fmt.Appendf(nil, "go 1.26.8\n\nuse (\n\t%q\n\t%q\n)\n", root, user), 0o666); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin") + string(filepath.Separator)
	args := []string{"test", "-c", "-o", bin}
	for _, p := range pkgs {
		args = append(args, "./"+p)
		// Read the package's files, so that go test's cache knows this
		// test depends on them.
		files, err := os.ReadDir(filepath.Join(user, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if _, err := os.ReadFile(filepath.Join(user, p, f.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command(gobin, args...)
	cmd.Dir = user
	// GOFLAGS=-mod=mod, say, is refused in workspace mode.
	cmd.Env = append(os.Environ(), "GOWORK="+work, "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin
}

// runUser runs the test binary of package pkg in its directory and returns
// its output and exit status.
func runUser(t *testing.T, bin, pkg string) (string, int) {
	t.Helper()
	exe := filepath.Join(bin, pkg+".test")
	if _, err := os.Stat(exe); err != nil {
		exe += ".exe"
	}
	cmd := exec.Command(exe)
	cmd.Dir = filepath.Join("testdata", "user", pkg)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("%s: %v\n%s", pkg, err, out)
	return "", 0
}

var marker = regexp.MustCompile(`^\s*[^/\s].*// @(\S+)$`)

var failAt = regexp.MustCompile(`(?m)^\s*--- FAIL: (\S+) \(.*\)\n\s+(\S+:\d+): hook: goroutines left`)

// A failure from Track, VerifyNone or Check is reported at the user's
// line (the call, or the end of the test for a deferred Check), never
// inside the hook: every function between them and Errorf calls Helper.
func TestHelperPositions(t *testing.T) {
	t.Parallel()
	bin := buildUser(t, "helpers")
	src, err := os.ReadFile(filepath.Join("testdata", "user", "helpers", "helpers_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]string)
	for i, l := range strings.Split(string(src), "\n") {
		if m := marker.FindStringSubmatch(l); m != nil {
			want[m[1]] = fmt.Sprintf("helpers_test.go:%d", i+1)
		}
	}
	out, code := runUser(t, bin, "helpers")
	if code == 0 {
		t.Fatalf("the tests passed:\n%s", out)
	}
	got := make(map[string]string)
	for _, m := range failAt.FindAllStringSubmatch(out, -1) {
		got[m[1]] = m[2]
	}
	for name, pos := range want {
		if got[name] != pos {
			t.Errorf("%s failed at %q, want %s", name, got[name], pos)
		}
	}
	if len(got) != len(want) {
		t.Errorf("failures at %v, want %v", got, want)
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

// VerifyTestMain fails a run whose tests pass but leave a goroutine
// blocked, with its chain, and exits 0 when they leave nothing.
func TestVerifyTestMain(t *testing.T) {
	t.Parallel()
	bin := buildUser(t, "mainleak", "mainclean")
	out, code := runUser(t, bin, "mainleak")
	if code != 1 {
		t.Errorf("mainleak exited with %d, want 1:\n%s", code, out)
	}
	if !strings.Contains(out, "PASS") || !strings.Contains(out, "hook: goroutines left after the tests: 1\n") {
		t.Errorf("mainleak's tests should pass and the run fail:\n%s", out)
	}
	chain := regexp.MustCompile(`goroutine \d+ \[chan receive\]: .*\n(.*\n)*?  1\. mainleak\.job main_test\.go:\d+\n   2\. mainleak\.leaf main_test\.go:\d+: chan receive\n  waits on chan answers\n`)
	if !chain.MatchString(out) {
		t.Errorf("mainleak's output lacks job → leaf waiting on answers:\n%s", out)
	}
	out, code = runUser(t, bin, "mainclean")
	if code != 0 || strings.Contains(out, "hook:") {
		t.Errorf("mainclean exited with %d:\n%s", code, out)
	}
}
