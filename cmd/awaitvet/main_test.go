package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

// The tests run the command as users do: as a binary, standalone and under
// go vet. TestMain builds it once. The test binary itself doubles as a
// second awaitvet, driven by a stand-in analyzer whose findings are known
// (see standIn), so that everything the drivers do with findings — related
// locations, test-variant duplicates, exit codes in both modes, crashes —
// is checked whatever the state of the real analyzer.

// toolEnv, set to 1, makes the test binary run as awaitvet with standIn.
const toolEnv = "AWAITVET_TEST_TOOL"

var (
	awaitvetBin string // the real command, built by TestMain; "" if there is no go command
	testBin     string // this test binary, which is the command with a stand-in analyzer
	// factCacheDir is the fact cache the runs of command share.
	factCacheDir string
)

func TestMain(m *testing.M) {
	if os.Getenv(toolEnv) == "1" {
		os.Exit(run(standIn, os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	if _, err := exec.LookPath("go"); err != nil {
		return m.Run() // tests that need it skip
	}
	dir, err := os.MkdirTemp("", "awaitvet-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "awaitvet")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building awaitvet: %v\n%s", err, out)
		return 1
	}
	awaitvetBin = bin
	factCacheDir = filepath.Join(dir, "cache")
	if testBin, err = os.Executable(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// standInMode is the stand-in analyzer's flag -mode (-awaitvet.mode under
// go vet). It is a flag, not an environment variable, because go vet caches
// results by tool and flags: with an environment variable, a crash run could
// replay the cached success of a fake run.
var standInMode string

// standIn is the stand-in analyzer. In mode "fake" it reports each call of
// (*sync.Mutex).Lock or (*sync.RWMutex).Lock outside packages named clean,
// with the enclosing function as related information: one finding per call
// site, each with one hop. In mode "crash" it panics on packages named clean.
var standIn = &analysis.Analyzer{
	Name:  "awaitvet",
	Doc:   "test stand-in for the awaitvet analyzer",
	Flags: standInFlags(),
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Name() == "clean" {
			if standInMode == "crash" {
				panic("boom")
			}
			return nil, nil
		}
		for _, file := range pass.Files {
			for _, decl := range file.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
					if ok && (fn.FullName() == "(*sync.Mutex).Lock" || fn.FullName() == "(*sync.RWMutex).Lock") {
						pass.Report(analysis.Diagnostic{
							Pos:      call.Pos(),
							End:      call.End(),
							Category: "fake",
							Message:  "fake: Lock in " + fd.Name.Name,
							Related: []analysis.RelatedInformation{
								{Pos: fd.Name.Pos(), Message: "fake: enclosing function " + fd.Name.Name},
							},
						})
					}
					return true
				})
			}
		}
		return nil, nil
	},
}

func standInFlags() flag.FlagSet {
	fs := flag.NewFlagSet("awaitvet", flag.ExitOnError)
	fs.StringVar(&standInMode, "mode", "fake", "fake: report Lock calls; crash: panic on package clean")
	return *fs
}

// result is what a command run produced.
type result struct {
	stdout, stderr string
	code           int
}

// command runs bin with args in dir, with a Go environment that does not
// depend on the caller's (no workspace, no toolchain download, no GOFLAGS,
// no AWAITVET_DEBUG) plus extra.
func command(t *testing.T, dir string, extra []string, bin string, args ...string) result {
	t.Helper()
	if awaitvetBin == "" {
		t.Skip("no go command on PATH")
	}
	// (a guard against a hang, not a measure of speed: a run takes
	// seconds, but a busy machine may stretch one to minutes)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWAITVET_") && !strings.HasPrefix(kv, "GOFLAGS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	// Every run analyses the packages it names: the standalone result
	// cache (cache.go) is off unless a test turns it on in extra. The
	// dependencies' facts come from one fact cache the test binary's runs
	// share (factcache.go): the standard library is analysed from source
	// once, not by every run. Tests of what a run from source does set
	// AWAITVET_CACHE=off in extra.
	cmd.Env = append(cmd.Env, "GOWORK=off", "GOTOOLCHAIN=local", "AWAITVET_CACHE="+factCacheDir, "AWAITVET_RESULT_CACHE=off")
	cmd.Env = append(cmd.Env, extra...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %v: killed after 8 minutes without an end: %v\n%s", bin, args, err, stderr.String())
	}
	code := 0
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("%s %v: %v", bin, args, err)
		}
		code = exit.ExitCode()
	}
	return result{stdout.String(), stderr.String(), code}
}

// awaitvet runs the real command.
func awaitvet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return command(t, dir, nil, awaitvetBin, args...)
}

// goVet runs go vet with vettool as the -vettool.
func goVet(t *testing.T, dir string, extra []string, vettool string, args ...string) result {
	t.Helper()
	return command(t, dir, extra, "go", append([]string{"vet", "-vettool=" + vettool}, args...)...)
}

// e2eDir is the module of classic lock bugs the commands are run on.
func e2eDir(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeModule creates a module from a map of file names to contents.
func writeModule(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var diagLine = regexp.MustCompile(`^(.+?\.go):(\d+):(\d+): (.*)$`)

// primary reduces the output of either mode to its set of primary findings,
// as "file:line: message" with file relative to modDir and slash-separated.
// It drops go vet's "# package" headers, related locations (indented by
// awaitvet, and printed by unitchecker as "file:line:col: \tmessage"), and
// the columns, which the two drivers compute identically anyway. The check's
// name after the message (" [lockorder]") is kept: both modes print it.
func primary(t *testing.T, output, modDir string) map[string]int {
	t.Helper()
	set := make(map[string]int)
	for line := range strings.Lines(output) {
		line = strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(line, "\t") || strings.HasPrefix(line, " ") {
			continue // a related location or source line (standalone)
		}
		m := diagLine.FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(m[4], "\t") {
			continue
		}
		file := m[1]
		if filepath.IsAbs(file) {
			if rel, err := filepath.Rel(modDir, file); err == nil {
				file = rel
			}
		}
		file = strings.TrimPrefix(filepath.ToSlash(file), "./")
		set[file+":"+m[2]+": "+m[4]]++
	}
	return set
}

func sortedKeys(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sameFindings fails the test unless both outputs hold the same findings.
func sameFindings(t *testing.T, vet, alone map[string]int) {
	t.Helper()
	if v, a := sortedKeys(vet), sortedKeys(alone); !slices.Equal(v, a) {
		t.Errorf("go vet and standalone disagree\ngo vet:\n\t%s\nstandalone:\n\t%s",
			strings.Join(v, "\n\t"), strings.Join(a, "\n\t"))
	}
}

// noCrashText fails the test if output looks like a Go panic dump.
func noCrashText(t *testing.T, output string) {
	t.Helper()
	for _, s := range []string{"goroutine ", "panic:", "[recovered]", ".go:0x"} {
		if strings.Contains(output, s) {
			t.Errorf("output contains %q:\n%s", s, output)
		}
	}
}

// skipShort skips a slow end-to-end test under -short, the quick run of
// the inner loop (README.md says which command runs what; CI runs all).
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: a slow end-to-end test")
	}
}
