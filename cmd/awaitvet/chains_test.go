package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/internal/dumpgen"
	"github.com/awaitvet/awaitvet/report"
)

// The programs of testdata/hang hang in the ways a user meets: the tests
// build and run them, take their dumps as the user would (the runtime's
// deadlock error, SIGQUIT, go test -timeout, net/http/pprof) and check
// what awaitvet chains prints for each, with and without the static
// graph. Waits for a hanging program are on its output (a ready line), not
// on the clock.

// hangDir is where the hanging programs are, relative to this package.
const hangDir = "./testdata/hang/"

// chains runs "awaitvet chains" with stdin.
func chains(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	if awaitvetBin == "" {
		t.Skip("no go command on PATH")
	}
	cmd := exec.Command(awaitvetBin, append([]string{"chains"}, args...)...)
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// expect checks that out matches each pattern (regular expressions).
func expect(t *testing.T, what string, r result, code int, patterns ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("%s: exit %d, want %d; stderr: %s", what, r.code, code, r.stderr)
	}
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(r.stdout) {
			t.Errorf("%s: output does not match %q:\n%s", what, p, r.stdout)
		}
	}
}

// graphOf writes the static graph of a package, as a user would with
// "awaitvet graph -format=json", and returns its file.
func graphOf(t *testing.T, pkg string) string {
	t.Helper()
	r := awaitvet(t, ".", "graph", "-format=json", pkg)
	if r.code != 0 {
		t.Fatalf("awaitvet graph %s: exit %d: %s", pkg, r.code, r.stderr)
	}
	file := filepath.Join(t.TempDir(), "graph.json")
	if err := os.WriteFile(file, []byte(r.stdout), 0o666); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestChainsHang(t *testing.T) {
	if awaitvetBin == "" {
		t.Skip("no go command on PATH")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator),
		hangDir+"abba", hangDir+"leak", hangDir+"wgdone", hangDir+"pprofsrv")
	build.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the hanging programs: %v\n%s", err, out)
	}
	prog := func(name string) string { return filepath.Join(bin, name) }

	// crash runs a program until the runtime finds it deadlocked.
	crash := func(t *testing.T, name string) []byte {
		out, err := exec.Command(prog(name)).CombinedOutput()
		if err == nil || !bytes.Contains(out, []byte("fatal error: all goroutines are asleep - deadlock!")) {
			t.Fatalf("%s: %v, want the runtime's deadlock error:\n%s", name, err, out)
		}
		return out
	}

	t.Run("abba", func(t *testing.T) {
		t.Parallel()
		dump := crash(t, "abba")
		expect(t, "without a graph", chains(t, dump), exitFindings,
			`^deadlock at line 1 \(fatal error: all goroutines are asleep - deadlock!\): 3 goroutines, 3 blocked: 3 stuck\n`,
			`goroutine \d+ \[sync.Mutex.Lock\]: stuck: the runtime found all goroutines asleep`,
			`goroutine 1 \(main.main at main.go:34\) → main.ab main.go:15: sync.\(\*Mutex\).Lock\n  waits on mutex b: who could release it is unknown without -graph`,
			`main.ba main.go:25: sync.\(\*Mutex\).Lock\n  waits on mutex a: `)
		graph := graphOf(t, hangDir+"abba")
		expect(t, "with -graph", chains(t, dump, "-graph="+graph), exitFindings,
			`: 3 goroutines, 3 blocked: 2 deadlock, 1 stuck\n`,
			`\ndeadlock: goroutine (\d+) → mutex abba.b may be held by goroutine (\d+) → mutex abba.a may be held by goroutine \d+\n`,
			`goroutine \d+ \[sync.Mutex.Lock\]: deadlock: on a deadlock cycle \(above\)\n.*main.ab main.go:15`,
			`goroutine 1 \[sync.WaitGroup.Wait\]: stuck: only goroutine \d+ \(deadlock\), goroutine \d+ \(deadlock\) could release it, and they are stuck`)
		// The same report as a graph, in every format.
		js := chains(t, dump, "-graph="+graph, "-format=json")
		var g report.Graph
		if err := json.Unmarshal([]byte(js.stdout), &g); err != nil || len(g.Cycles) != 1 || js.code != exitFindings {
			t.Errorf("-format=json: exit %d, %v, %d cycles:\n%s", js.code, err, len(g.Cycles), js.stdout)
		}
		expect(t, "-format=dot", chains(t, dump, "-format=dot"), exitFindings, `^digraph`, `label="goroutine\\n1 main\.main"`)
		expect(t, "-format=mermaid", chains(t, dump, "-format=mermaid"), exitFindings, `^flowchart`)
		if _, err := exec.LookPath("dot"); err == nil {
			expect(t, "-format=svg", chains(t, dump, "-format=svg"), exitFindings, `<svg`)
		}
		expect(t, "-focus", chains(t, dump, "-focus=main.ba"), exitFindings, `main.ba`)
		if r := chains(t, dump, "-focus=main.ba"); strings.Contains(r.stdout, "main.ab") {
			t.Errorf("-focus=main.ba kept main.ab:\n%s", r.stdout)
		}
	})

	t.Run("wgdone", func(t *testing.T) {
		t.Parallel()
		dump := crash(t, "wgdone")
		expect(t, "without a graph", chains(t, dump), exitFindings,
			`goroutine 1 \[sync.WaitGroup.Wait\]: stuck: the runtime found all goroutines asleep`,
			`main.main main.go:23: sync.\(\*WaitGroup\).Wait\n  waits on waitgroup wg: who could release it is unknown without -graph`)
		expect(t, "with -graph", chains(t, dump, "-graph="+graphOf(t, hangDir+"wgdone")), exitFindings,
			`goroutine 1 \[sync.WaitGroup.Wait\]: leak: no live goroutine can count it down or signal it\n`,
			`waits on waitgroup wg \(main.main\): counted down by main.work: no live goroutine is in it or can reach it\n`)
	})

	t.Run("sigquit", func(t *testing.T) {
		t.Parallel()
		cmd := exec.Command(prog("leak"))
		cmd.Env = append(os.Environ(), "GOTRACEBACK=all")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
			t.Fatalf("leak said %q, %v", line, err)
		}
		cmd.Process.Signal(syscall.SIGQUIT)
		io.Copy(io.Discard, stdout)
		cmd.Wait()
		// Logs before the dump, as a service writes them.
		dump := append([]byte("2026/01/02 15:04:05 serving\n2026/01/02 15:04:06 shutting down (SIGQUIT)\n"), stderr.Bytes()...)
		expect(t, "without a graph", chains(t, dump), exitClean,
			`^signal at line 3 \(SIGQUIT: quit\): \d+ goroutines, 1 blocked: 1 unknown\n`,
			`goroutine \d+ \[chan receive\]: unknown: no partner known\n  goroutine 1 \(main.main at main.go:20\) → main.receive main.go:13: chan receive\n  waits on chan results: who could release it is unknown without -graph\n`)
		file := filepath.Join(t.TempDir(), "dump.txt")
		os.WriteFile(file, dump, 0o666)
		expect(t, "with -graph", chains(t, nil, "-graph="+graphOf(t, hangDir+"leak"), file), exitFindings,
			`goroutine \d+ \[chan receive\]: leak: nothing in the static graph can release it\n`,
			`waits on chan results \(main.main\) \(made at main.go:19\): nothing in the static graph releases it\n`)
	})

	t.Run("pprof", func(t *testing.T) {
		t.Parallel()
		cmd := exec.Command(prog("pprofsrv"))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			cmd.Process.Kill()
			cmd.Wait()
		}()
		line, err := bufio.NewReader(stdout).ReadString('\n')
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
		if err != nil || !ok {
			t.Fatalf("pprofsrv said %q, %v", line, err)
		}
		get := func(debug string) []byte {
			resp, err := http.Get("http://" + addr + "/debug/pprof/goroutine?debug=" + debug)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			return body
		}
		// A goroutine running on another thread when the dump is taken
		// (one of the server's, or the runtime's) has its stack
		// unavailable: it may yet do anything, and the verdict rightly
		// waits. Take the dump once no goroutine but the dumping one runs.
		dump := get("2")
		for i := 0; i < 100 && unavailable(dump); i++ {
			time.Sleep(10 * time.Millisecond)
			dump = get("2")
		}
		expect(t, "without a graph", chains(t, dump), exitClean,
			`^goroutine dump at line 1: \d+ goroutines, 2 blocked: 2 unknown\n`,
			`cache.\(\*Cache\).Refresh cache.go:20: chan receive\n  waits on chan c.stop: who could release it is unknown without -graph\n`,
			`cache.\(\*Cache\).Get cache.go:30: sync.\(\*Mutex\).Lock\n  waits on mutex c.mu: who could release it is unknown without -graph\n`)
		with := chains(t, dump, "-graph="+graphOf(t, hangDir+"pprofsrv/cache"))
		expect(t, "with -graph", with, exitFindings,
			`: \d+ goroutines, 2 blocked: 1 leak, 1 unknown\n`,
			`goroutine (\d+) \[chan receive\]: leak: no live goroutine can send on or close it\n.*\n  waits on chan \(\*cache.Cache\).stop: closed by cache.\(\*Cache\).Stop: no live goroutine is in it or can reach it\n`,
			`goroutine \d+ \[sync.Mutex.Lock\]: unknown: the partners known, goroutine \d+ \(leak\), are stuck; others may exist\n`,
			`waits on mutex \(\*cache.Cache\).mu: may be held by goroutine \d+ \(cache.\(\*Cache\).Refresh, at cache.go:20\), which waits on chan \(\*cache.Cache\).stop\n`)
		checkREADME(t, "pprof", with.stdout)
		// debug=1 has no states: a plain error, not a guess.
		r := chains(t, get("1"))
		if r.code != exitError || !strings.Contains(r.stderr, "debug=1 goroutine profile") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("debug=1: exit %d, stderr %q", r.code, r.stderr)
		}
	})

	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		test := exec.Command("go", "test", "-count=1", "-timeout=1s", hangDir+"timeout")
		test.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
		out, err := test.CombinedOutput()
		if err == nil || !bytes.Contains(out, []byte("panic: test timed out after 1s")) {
			t.Fatalf("go test -timeout=1s: %v, want a timeout:\n%s", err, out)
		}
		without := chains(t, out)
		expect(t, "without a graph", without, exitClean,
			`^test timeout at line 1 \(panic: test timed out after 1s\), running TestAsk \(1s\): 4 goroutines, 3 blocked: 2 unknown, 1 waiting\n`,
			`goroutine 1 \[chan receive\]: waiting: goroutine \d+ can release it\n  main.main _testmain.go:\d+: testing.\(\*M\).Run\n  waits on the tests it started: ended by goroutine \d+ \(timeout.TestAsk, at hang_test.go:8\), which waits on chan reply\n`,
			`→ timeout.TestAsk hang_test.go:8 → timeout.\(\*server\).ask server.go:18: chan receive\n  waits on chan reply: who could release it is unknown without -graph\n`)
		checkREADME(t, "timeout", without.stdout)
		with := chains(t, out, "-pkgs="+hangDir+"timeout")
		expect(t, "with -pkgs", with, exitFindings,
			`: 4 goroutines, 3 blocked: 1 leak, 2 stuck\n`,
			`goroutine (\d+) \[chan receive\]: leak: nothing in the static graph can release it\n.*timeout.\(\*server\).ask server.go:18: chan receive\n`,
			`goroutine \d+ \[chan receive\]: stuck: only goroutine \d+ \(leak\) could release it, and it is stuck\n.*timeout.\(\*server\).serve server.go:10: chan receive\n  waits on chan \(\*timeout.server\).requests: sent on by goroutine \d+`)
		checkREADME(t, "timeout graph", with.stdout)
	})
}

// unavailable reports whether a debug=2 goroutine dump has a goroutine
// whose stack it could not take.
func unavailable(dump []byte) bool {
	return bytes.Contains(dump, []byte("stack unavailable"))
}

// checkREADME keeps README.md's example of awaitvet chains true: the block
// between "<!-- begin chains NAME output -->" and its end is what the test
// printed, goroutine IDs aside (the runtime numbers goroutines as it goes).
func checkREADME(t *testing.T, name, got string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	begin, end := "<!-- begin chains "+name+" output -->\n```text\n", "```\n<!-- end chains "+name+" output -->"
	text := string(readme)
	i := strings.Index(text, begin)
	j := strings.Index(text[max(i, 0):], end)
	if i < 0 || j < 0 {
		t.Fatalf("README.md has no block between %q and %q; the output is:\n%s", begin, end, got)
	}
	shown := text[i+len(begin) : i+j]
	ids := regexp.MustCompile(`goroutine \d+`)
	if ids.ReplaceAllString(shown, "goroutine N") != ids.ReplaceAllString(got, "goroutine N") {
		t.Errorf("README.md's chains %s output is stale; awaitvet chains now prints:\n%s", name, got)
	}
}

func TestChainsUsage(t *testing.T) {
	t.Parallel()
	dump := []byte("goroutine 1 [chan receive]:\nmain.main()\n\t/tmp/x/main.go:9 +0x1d\n")
	for _, c := range []struct {
		args []string
		in   []byte
		code int
		msg  string
	}{
		{[]string{"-format=png"}, dump, exitUsage, `unknown -format "png"`},
		{[]string{"-bogus"}, dump, exitUsage, "run 'awaitvet chains -h' for usage"},
		{[]string{"a", "b"}, dump, exitUsage, "one dump file at most"},
		{[]string{"-graph=x.json", "-pkgs=./..."}, dump, exitUsage, "use one"},
		{[]string{"-top=-1"}, dump, exitUsage, "-top must be 0 or more"},
		{[]string{"-dump=3"}, dump, exitUsage, "-dump=3, but standard input holds 1 dumps"},
		{nil, []byte("=== RUN TestX\nok\n"), exitError, "no goroutine dump found in standard input"},
		{[]string{filepath.Join(t.TempDir(), "missing.txt")}, nil, exitError, "no such file"},
		{[]string{"-graph=" + filepath.Join(t.TempDir(), "missing.json")}, dump, exitError, "-graph:"},
		{[]string{"-focus=nothing"}, dump, exitError, `no blocked goroutine mentions "nothing"`},
		{[]string{"-format=json"}, append(append([]byte{}, dump...), dump...), exitUsage, "holds 2 dumps; choose one with -dump=N"},
	} {
		r := chains(t, c.in, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.msg) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("chains %v: exit %d, stderr %q; want exit %d and one line with %q", c.args, r.code, r.stderr, c.code, c.msg)
		}
	}
	r := chains(t, nil, "-h")
	if r.code != exitClean || !strings.Contains(r.stdout, "Exit status: 0") {
		t.Errorf("chains -h: exit %d:\n%s", r.code, r.stdout)
	}
}

// TestChainsBig: a 50,000-goroutine dump, grouped, fits a screen with
// -top=20 (how fast is BENCHMARKS.md's business, not a test's).
func TestChainsBig(t *testing.T) {
	t.Parallel()
	r := chains(t, dumpgen.Dump(50000, 200), "-top=20")
	if r.code != exitClean || strings.Count(r.stdout, "\n") > 64 {
		t.Errorf("exit %d, %d lines:\n%s", r.code, strings.Count(r.stdout, "\n"), r.stdout)
	}
}
