package hook_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/hook"
	"github.com/awaitvet/awaitvet/report"
)

func TestMain(m *testing.M) {
	// The scenarios tell their goroutines apart by pprof label, which the
	// runtime prints only with tracebacklabels=1; it rereads GODEBUG when
	// it changes.
	os.Setenv("GODEBUG", strings.TrimPrefix(os.Getenv("GODEBUG")+",tracebacklabels=1", ","))
	os.Exit(m.Run())
}

const testPkg = "github.com/awaitvet/awaitvet/hook_test"

// A builder writes a static graph by hand, as "awaitvet graph" would for
// the scenarios, with positions taken from "// @marker" comments in
// scenarios_test.go so that they follow the code.
type builder struct {
	t     testing.TB
	g     *report.Graph
	lines []string
	file  string
}

func newBuilder(t testing.TB) *builder { return newBuilderFor(t, "scenarios_test.go") }

func newBuilderFor(t testing.TB, file string) *builder {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return &builder{t: t, g: report.New(), lines: strings.Split(string(src), "\n"), file: "hook/" + file}
}

func (b *builder) fn(name string) string {
	id := "func:" + testPkg + "." + name
	b.g.AddNode(report.Node{ID: id, Kind: report.Func, Name: "hook_test." + name, Package: testPkg})
	return id
}

func (b *builder) res(kind report.NodeKind, key, name string) string {
	id := string(kind) + ":" + testPkg + "." + key
	b.g.AddNode(report.Node{ID: id, Kind: kind, Name: name, Package: testPkg})
	return id
}

// at is the position of the line that ends with "// @marker", relative to
// the module root as the driver writes it.
func (b *builder) at(marker string) *report.Pos {
	b.t.Helper()
	for i, l := range b.lines {
		if strings.HasSuffix(l, "// @"+marker) {
			return &report.Pos{File: b.file, Line: i + 1}
		}
	}
	b.t.Fatalf("no marker @%s", marker)
	return nil
}

func (b *builder) wait(fn, res, label, marker string) {
	b.g.AddEdge(report.Edge{From: b.fn(fn), To: res, Kind: report.WaitsOn, Label: label, Pos: b.at(marker)})
}

func (b *builder) partner(res string, kind report.EdgeKind, fn, marker string) {
	b.g.AddEdge(report.Edge{From: res, To: b.fn(fn), Kind: kind, Pos: b.at(marker)})
}

func (b *builder) spawn(from, to, marker string) {
	b.g.AddEdge(report.Edge{From: b.fn(from), To: b.fn(to), Kind: report.Spawns, Pos: b.at(marker)})
}

func (b *builder) graph() *report.Graph {
	b.g.Normalize()
	return b.g
}

var runs atomic.Int64

// unique names a run of a scenario: with -count, the goroutines of the
// runs before are still there, stuck.
func unique(t *testing.T) string { return fmt.Sprintf("%s#%d", t.Name(), runs.Add(1)) }

// labelled runs start with the pprof label scenario=name: every goroutine
// it starts inherits it.
func labelled(name string, start func()) {
	pprof.Do(context.Background(), pprof.Labels("scenario", name), func(context.Context) { start() })
}

// snapshot takes a snapshot of the scenario's goroutines.
func snapshot(name string) *hook.Snapshot {
	return hook.Take(false).Filter(func(g *hook.Goroutine) bool { return g.Labels["scenario"] == name })
}

// settle waits until want goroutines of the scenario are blocked, then
// analyzes them.
func settle(t *testing.T, name string, want int, opts ...hook.Option) *hook.Report {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := snapshot(name)
		n := 0
		for _, g := range s.Goroutines {
			if g.ID != s.Self && g.Blocked() {
				n++
			}
		}
		if n == want {
			return hook.Analyze(s, opts...)
		}
		if time.Now().After(deadline) {
			t.Fatalf("scenario %s: %d goroutines blocked, want %d:\n%s", name, n, want, s.Dump)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// blockedIn waits until a goroutine of the scenario is blocked, in state,
// with fn innermost among its frames.
func blockedIn(t *testing.T, name, fn, state string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		for _, g := range snapshot(name).Goroutines {
			if g.State == state && inner(g) == testPkg+"."+fn {
				return
			}
		}
	}
	t.Fatalf("no goroutine of %s blocked in %s [%s]", name, fn, state)
}

// inner is the innermost frame of the test package.
func inner(g *hook.Goroutine) string {
	for _, f := range g.Frames {
		if strings.HasPrefix(f.Func, testPkg+".") {
			return f.Func
		}
	}
	return ""
}

// chainIn finds the chain whose last frame is in fn.
func chainIn(t *testing.T, r *hook.Report, fn string) *hook.Chain {
	t.Helper()
	for _, c := range r.Chains {
		if n := len(c.Frames); n > 0 && c.Frames[n-1].Func == testPkg+"."+fn {
			return c
		}
	}
	t.Fatalf("no chain ends in %s:\n%s", fn, r)
	return nil
}

func expect(t *testing.T, r *hook.Report, c *hook.Chain, v hook.Verdict, why string) {
	t.Helper()
	if c.Verdict != v || !strings.Contains(c.Why, why) {
		t.Errorf("goroutine %d: %s: %s, want %s: …%s…\n%s", c.G.ID, c.Verdict, c.Why, v, why, r)
	}
}

// cycleText checks the report has one cycle and returns it.
func cycleText(t *testing.T, r *hook.Report) string {
	t.Helper()
	if len(r.Cycles) != 1 {
		t.Fatalf("%d cycles, want 1:\n%s", len(r.Cycles), r)
	}
	return r.Cycles[0].String()
}

func g(c *hook.Chain) string { return fmt.Sprintf("goroutine %d", c.G.ID) }

// mentions reports whether a report's text names goroutine id, at the
// head of a chain or among the goroutines folded into one.
func mentions(text string, id uint64, state string) bool {
	return strings.Contains(text, fmt.Sprintf("goroutine %d [%s", id, state)) ||
		regexp.MustCompile(fmt.Sprintf(`(?m)\[%s.*(\n  .*)*\n  and \d+ more goroutines with this chain: (\d+, )*%d\b`, regexp.QuoteMeta(state), id)).MatchString(text)
}
