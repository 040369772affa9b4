package hook

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/awaitvet/awaitvet/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// stuckGraph is the static graph examples/stuck embedded when the dumps
// in testdata were recorded.
var stuckGraph = func() func(testing.TB) *report.Graph {
	load := sync.OnceValues(func() (*report.Graph, error) {
		return LoadGraph(filepath.Join("testdata", "stuck.graph.json"))
	})
	return func(t testing.TB) *report.Graph {
		g, err := load()
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
}()

// recorded is a recorded dump of examples/stuck with what its Mutex knew:
// goroutine 9 (Publish) holds the hub's lock, goroutine 8 (run) waits.
func recorded(t *testing.T, name string, locks bool) *Snapshot {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	gs := Parse(data)
	s := &Snapshot{Goroutines: gs, Self: gs[0].ID}
	if locks {
		var run, publish uint64
		for _, g := range gs {
			switch {
			case g.State == "sync.Mutex.Lock":
				run = g.ID
			case g.State == "chan send":
				publish = g.ID
			}
		}
		s.Locks = []LockState{{
			Addr: 0x1f381b3ba040, Kind: report.Mutex,
			Writer:  &Holder{G: publish, Func: "main.(*Hub).Publish", File: "/home/gopher/awaitvet/examples/stuck/main.go", Line: 122},
			Waiters: []LockWaiter{{G: run, Mode: "lock"}},
		}}
	}
	return s
}

func chainOf(r *Report, id uint64) *Chain {
	for _, c := range r.Chains {
		if c.G.ID == id {
			return c
		}
		for _, s := range c.Same {
			if s == id {
				return c
			}
		}
	}
	return nil
}

func TestAnalyzeStuck(t *testing.T) {
	r := Analyze(recorded(t, "stuck.txt", true), WithGraph(stuckGraph(t)))
	if len(r.Cycles) != 1 {
		t.Fatalf("cycles: %v\n%s", r.Cycles, r)
	}
	cy := r.Cycles[0].String()
	for _, want := range []string{"goroutine 8 → mutex", "held by goroutine 9", "goroutine 9 → chan (*stuck.Hub).events", "received by goroutine 8"} {
		if !strings.Contains(cy, want) {
			t.Errorf("cycle %q lacks %q", cy, want)
		}
	}
	leaf := chainOf(r, 11)
	if leaf.Verdict != Leak || leaf.Why != "no live goroutine can send on or close it" {
		t.Errorf("leaf: %v: %s", leaf.Verdict, leaf.Why)
	}
	var funcs []string
	for _, f := range leaf.Frames {
		funcs = append(funcs, f.Func)
	}
	if want := "main.gather.func1 main.job main.foo main.bar main.baz main.leaf"; strings.Join(funcs, " ") != want {
		t.Errorf("leaf frames %v", funcs)
	}
	if w := leaf.Waits[0]; w.Resource.Name != "answers (main.main)" || len(w.Partners) != 0 || !w.Known || w.Funcs[0] != "sent on by main.fetch" {
		t.Errorf("leaf waits on %+v", w)
	}
	if g1 := chainOf(r, 1); g1.Verdict != Stuck || g1.Waits[0].Partners[0].G != 11 {
		t.Errorf("goroutine 1: %v %s", g1.Verdict, g1.Why)
	}
	for _, c := range r.Chains {
		if c.G.ID == 5 || c.G.ID == 6 {
			t.Errorf("the hook's or os/signal's goroutine has a chain: %s", r)
		}
	}
	golden(t, "stuck.chains.txt", r.String())
}

// Without the lock side table (a dump read from a file), the mutex has no
// known holder: no cycle, and Publish's send waits for run.
func TestAnalyzeStuckWithoutLocks(t *testing.T) {
	r := Analyze(recorded(t, "stuck.txt", false), WithGraph(stuckGraph(t)))
	if len(r.Cycles) != 0 {
		t.Errorf("a cycle without lock holders: %v", r.Cycles)
	}
	if c := chainOf(r, 9); c.Verdict != Waiting || c.Waits[0].Partners[0].G != 8 {
		t.Errorf("Publish: %v %s", c.Verdict, c.Why)
	}
	if c := chainOf(r, 8); c.Verdict != Blocked || c.Waits[0].Resource.ID != "mutex:0x1f381b3ba040" {
		t.Errorf("run: %v %+v", c.Verdict, c.Waits)
	}
}

// Without any static graph or side table, the chains are still drawn and
// only the nil-channel-style certainties would be leaks.
func TestAnalyzeBare(t *testing.T) {
	r := Analyze(recorded(t, "stuck.txt", false))
	if len(r.Cycles) != 0 || len(r.Problems()) != 0 {
		t.Errorf("problems without evidence:\n%s", r)
	}
	if c := chainOf(r, 11); c.Verdict != Blocked || len(c.Frames) != 6 {
		t.Errorf("leaf: %+v", c)
	}
}

func TestAnalyzeLeakProfile(t *testing.T) {
	s := recorded(t, "stuck-leak.txt", false)
	s.LeakProfile = true
	r := Analyze(s, WithGraph(stuckGraph(t)))
	for _, id := range []uint64{1, 8, 9, 11} {
		c := chainOf(r, id)
		if c == nil || c.Verdict != Leak || !strings.Contains(c.Why, "goroutineleak profile proves") {
			t.Errorf("goroutine %d: %+v", id, c)
		}
	}
}

func TestGraph(t *testing.T) {
	r := Analyze(recorded(t, "stuck.txt", true), WithGraph(stuckGraph(t)))
	g := r.Graph()
	for _, id := range []string{"goroutine:8", "goroutine:9", "goroutine:11", "goroutine:1", "mutex:0x1f381b3ba040"} {
		if g.Node(id) == nil {
			t.Errorf("no node %s", id)
		}
	}
	if len(g.Cycles) != 1 || g.Cycles[0].Kind != "deadlock" || len(g.Cycles[0].Nodes) != 4 {
		t.Errorf("cycles %+v", g.Cycles)
	}
	if len(g.Findings) != 4 {
		t.Errorf("%d findings, want 4 (2 deadlocked, 1 leak, 1 stuck)", len(g.Findings))
	}
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	back, err := report.ReadJSON(&js)
	if err != nil || len(back.Nodes) != len(g.Nodes) {
		t.Fatalf("JSON round trip: %v", err)
	}
	var dot bytes.Buffer
	if err := r.WriteDOT(&dot); err != nil || !strings.Contains(dot.String(), `label="goroutine\n8 main.(*Hub).run"`) {
		t.Errorf("DOT: %v\n%s", err, dot.String())
	}
	// The same snapshot gives the same bytes.
	var again bytes.Buffer
	Analyze(recorded(t, "stuck.txt", true), WithGraph(stuckGraph(t))).WriteJSON(&again)
	var first bytes.Buffer
	r.WriteJSON(&first)
	if first.String() != again.String() {
		t.Error("JSON differs between two analyses of the same snapshot")
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s is stale (run with -update); got:\n%s", name, got)
	}
}
