package main

import (
	"flag"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/report"
)

var update = flag.Bool("update", false, "rewrite the golden files of the graph tests")

// chainModule is testdata/src/graphchain as a module of its own.
func chainModule(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", "graphchain", "chain.go"))
	if err != nil {
		t.Fatal(err)
	}
	return writeModule(t, map[string]string{
		"go.mod":   "module example.com/graphchain\n\ngo 1.24\n",
		"chain.go": string(src),
	})
}

// TestGraphChain: Job → foo → bar → baz → leaf ends in a receive nobody
// will satisfy; the graph holds the five functions on one chain ending at
// the channel, and the text chain lists them in order with file:line.
func TestGraphChain(t *testing.T) {
	t.Parallel()
	dir := chainModule(t)

	r := awaitvet(t, dir, "graph", "-checks=all", "-chain=leaf", "./...")
	if r.code != exitClean {
		t.Fatalf("graph -chain: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	want := []string{
		`chain.go:18:9: no sender: receive from ch blocks forever \[nopartner\]`,
		`1\. chain.go:8:12 in graphchain.Job: calls graphchain.foo`,
		`2\. chain.go:11:39 in graphchain.foo: calls graphchain.bar`,
		`3\. chain.go:13:39 in graphchain.bar: calls graphchain.baz`,
		`4\. chain.go:15:40 in graphchain.baz: calls graphchain.leaf`,
		`5\. chain.go:18:9 in graphchain.leaf: receives from ch`,
		`6\. chain.go:7:12: ch is made here; nothing sends on or closes it`,
		`-> ch \(graphchain.Job\): nothing in the analysed code releases or feeds it`,
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(want) {
		t.Fatalf("graph -chain=leaf printed %d lines, want %d:\n%s", len(lines), len(want), r.stdout)
	}
	for i, w := range want {
		if !regexp.MustCompile(w).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want match for %s", i+1, lines[i], w)
		}
	}

	r = awaitvet(t, dir, "graph", "-checks=all", "-format=json", "./...")
	if r.code != exitClean {
		t.Fatalf("graph -format=json: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	g, err := report.ReadJSON(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	path := []string{"Job", "foo", "bar", "baz", "leaf"}
	for i := 0; i+1 < len(path); i++ {
		from, to := "func:example.com/graphchain."+path[i], "func:example.com/graphchain."+path[i+1]
		if !hasEdge(g, from, to, report.Calls) {
			t.Errorf("no calls edge %s -> %s in:\n%s", from, to, r.stdout)
		}
		if n := g.Node(from); n == nil || !n.Finding {
			t.Errorf("%s is not marked as on a finding's chain", from)
		}
	}
	var waits []report.Edge
	for _, e := range g.Edges {
		if e.From == "func:example.com/graphchain.leaf" && e.Kind == report.WaitsOn {
			waits = append(waits, e)
		}
	}
	if len(waits) != 1 || waits[0].Label != "recv" || g.Node(waits[0].To).Kind != report.Chan || g.Node(waits[0].To).Name != "ch (graphchain.Job)" {
		t.Errorf("leaf's waits-on edges = %+v, want one recv on chan ch", waits)
	}
}

func hasEdge(g *report.Graph, from, to string, kind report.EdgeKind) bool {
	for _, e := range g.Edges {
		if e.From == from && e.To == to && e.Kind == kind {
			return true
		}
	}
	return false
}

// TestGraphGolden renders the bundled examples in each format, twice: the
// output must match the golden files and be identical from run to run.
func TestGraphGolden(t *testing.T) {
	skipShort(t)
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"dot", "mermaid", "json"} {
		first := awaitvet(t, root, "graph", "-checks=all", "-format="+format, "./examples/ledger", "./examples/inventory", "./examples/fetch")
		if first.code != exitClean {
			t.Fatalf("graph -format=%s: exit %d, stderr:\n%s", format, first.code, first.stderr)
		}
		second := awaitvet(t, root, "graph", "-checks=all", "-format="+format, "./examples/ledger", "./examples/inventory", "./examples/fetch")
		if second.stdout != first.stdout {
			t.Errorf("graph -format=%s differs between two runs", format)
		}
		golden := filepath.Join("testdata", "graph", "examples."+format)
		if *update {
			if err := os.WriteFile(golden, []byte(first.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGraphGolden -update to create it)", err)
		}
		if first.stdout != string(want) {
			t.Errorf("graph -format=%s of ./examples/... differs from %s (go test -run TestGraphGolden -update rewrites it):\n%s", format, golden, first.stdout)
		}
		if format == "json" {
			g, err := report.ReadJSON(strings.NewReader(first.stdout))
			if err != nil {
				t.Fatal(err)
			}
			var round strings.Builder
			if err := report.WriteJSON(&round, g); err != nil || round.String() != first.stdout {
				t.Errorf("the JSON graph does not round-trip through the model (err %v)", err)
			}
		}
	}
}

// TestGraphSVG renders the DOT with Graphviz. CI installs graphviz and sets
// AWAITVET_REQUIRE_GRAPHVIZ=1, so there the test cannot be skipped.
func TestGraphSVG(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("AWAITVET_REQUIRE_GRAPHVIZ") != "" {
			t.Fatal("AWAITVET_REQUIRE_GRAPHVIZ is set but Graphviz's dot is not on PATH")
		}
		t.Skip("Graphviz's dot is not on PATH")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	r := awaitvet(t, root, "graph", "-checks=all", "-format=svg", "./examples/ledger", "./examples/inventory", "./examples/fetch")
	if r.code != exitClean || !strings.Contains(r.stdout, "<svg") || !strings.Contains(r.stdout, "(*Ledger).Withdraw") {
		t.Fatalf("graph -format=svg: exit %d, stderr:\n%s\nstdout starts:\n%.300s", r.code, r.stderr, r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("dot complained about the DOT awaitvet wrote:\n%s", r.stderr)
	}

	// README.md shows docs/examples-graph.svg, made by the command it
	// gives: it must be what that command draws today. The texts drawn
	// (node and edge labels) are compared, not the bytes, which depend on
	// the Graphviz version.
	readme := awaitvet(t, root, "graph", "-format=svg", "./examples/ledger", "./examples/inventory", "./examples/fetch")
	shown, err := os.ReadFile(filepath.Join(root, "docs", "examples-graph.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := svgTexts(string(shown)), svgTexts(readme.stdout); !slices.Equal(got, want) {
		t.Errorf("docs/examples-graph.svg is stale: regenerate it with the command in README.md (awaitvet graph -format=svg ./examples/ledger ./examples/inventory ./examples/fetch > docs/examples-graph.svg)\nshown: %q\nnow:   %q", got, want)
	}
}

// svgTexts returns the texts an SVG drawing shows, sorted.
func svgTexts(svg string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllStringSubmatch(svg, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	slices.Sort(out)
	return out
}

// TestGraphDiff: a lock-order cycle added between two versions of a package
// is reported as new, with exit status 3; nothing is new against itself.
func TestGraphDiff(t *testing.T) {
	t.Parallel()
	const prefix = "package bank\n\nimport \"sync\"\n\ntype A struct{ mu sync.Mutex }\ntype B struct{ mu sync.Mutex }\n\n" +
		"func AThenB(a *A, b *B) {\n\ta.mu.Lock()\n\tb.mu.Lock()\n\tb.mu.Unlock()\n\ta.mu.Unlock()\n}\n"
	const added = "\nfunc BThenA(a *A, b *B) {\n\tb.mu.Lock()\n\ta.mu.Lock()\n\ta.mu.Unlock()\n\tb.mu.Unlock()\n}\n"
	gomod := "module example.com/bank\n\ngo 1.24\n"
	base := writeModule(t, map[string]string{"go.mod": gomod, "bank.go": prefix})
	head := writeModule(t, map[string]string{"go.mod": gomod, "bank.go": prefix + added})

	r := awaitvet(t, base, "graph", "-checks=all", "-format=json", "-o=base.json", "./...")
	if r.code != exitClean {
		t.Fatalf("graph -format=json on the base: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	baseJSON := filepath.Join(base, "base.json")

	r = awaitvet(t, base, "graph", "-checks=all", "-diff="+baseJSON, "./...")
	if r.code != exitClean || r.stdout != "no new cycles or blocking edges\n" {
		t.Errorf("diff of the base against itself: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = awaitvet(t, head, "graph", "-checks=all", "-diff="+baseJSON, "./...")
	if r.code != exitFindings {
		t.Errorf("diff of the head: exit %d, want %d; stderr:\n%s", r.code, exitFindings, r.stderr)
	}
	for _, w := range []string{
		"new lock-order cycle: (*bank.A).mu -> (*bank.B).mu -> (*bank.A).mu\n",
		"new blocking edge: bank.go:16:11: bank.BThenA lock (*bank.B).mu\n",
		"new blocking edge: bank.go:17:11: bank.BThenA lock (*bank.A).mu\n",
		"new blocking edge: bank.go:17:11: (*bank.B).mu then (*bank.A).mu\n",
	} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("diff of the head does not say %q:\n%s", w, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "AThenB") {
		t.Errorf("diff of the head lists AThenB, which did not change:\n%s", r.stdout)
	}
}

// TestGraphErrors: bad flags are usage errors; a focus that matches nothing
// and svg without Graphviz are errors that say so.
func TestGraphErrors(t *testing.T) {
	t.Parallel()
	dir := chainModule(t)
	if r := awaitvet(t, dir, "graph", "-checks=all", "-format=png", "./..."); r.code != exitUsage || !strings.Contains(r.stderr, `unknown -format "png"`) {
		t.Errorf("-format=png: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := awaitvet(t, dir, "graph", "-checks=all", "-focus=nosuch", "./..."); r.code != exitError || !strings.Contains(r.stderr, `no function or resource named "nosuch"`) {
		t.Errorf("-focus=nosuch: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := awaitvet(t, dir, "graph", "-checks=all", "-chain=nosuch", "./..."); r.code != exitError || !strings.Contains(r.stderr, `no finding names "nosuch"`) {
		t.Errorf("-chain=nosuch: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := awaitvet(t, dir, "graph"); r.code != exitUsage {
		t.Errorf("graph without packages: exit %d", r.code)
	}
	r := command(t, dir, []string{"PATH=" + filepath.Dir(goBin(t))}, awaitvetBin, "graph", "-checks=all", "-format=svg", "./...")
	if r.code != exitError || !strings.Contains(r.stderr, "needs Graphviz's dot on PATH") {
		t.Errorf("-format=svg without dot: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := awaitvet(t, dir, "graph", "-checks=all", "-focus=leaf", "-format=mermaid", "./..."); r.code != exitClean || !strings.Contains(r.stdout, "graphchain.Job") {
		t.Errorf("-focus=leaf keeps what reaches leaf: exit %d, stdout:\n%s", r.code, r.stdout)
	}
}

func goBin(t *testing.T) string {
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	return p
}

// TestGraphCycles: every communication deadlock of testdata/src/mixed is a
// cycle of the graph, and each step of each cycle is an edge, so the DOT can
// draw it in red.
func TestGraphCycles(t *testing.T) {
	t.Parallel()
	files := map[string]string{"go.mod": "module example.com/mixed\n\ngo 1.24\n"}
	srcs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "src", "mixed", "*.go"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no mixed testdata: %v", err)
	}
	for _, src := range srcs {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(src)] = string(b)
	}
	dir := writeModule(t, files)
	r := awaitvet(t, dir, "graph", "-checks=all", "-format=json", "./...")
	if r.code != exitClean {
		t.Fatalf("graph: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	g, err := report.ReadJSON(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	comm := 0
	for _, f := range g.Findings {
		if f.Check == "commcycle" || f.Check == "concurrentcomm" {
			comm++
		}
	}
	cycles := 0
	for _, c := range g.Cycles {
		if c.Kind != "communication" {
			continue
		}
		cycles++
		for i, from := range c.Nodes {
			to := c.Nodes[(i+1)%len(c.Nodes)]
			found := false
			for _, e := range g.Edges {
				found = found || e.From == from && e.To == to
			}
			if !found {
				t.Errorf("cycle %v: no edge %s -> %s", c.Nodes, from, to)
			}
		}
		if c.Finding < 0 || g.Findings[c.Finding].Check != "commcycle" && g.Findings[c.Finding].Check != "concurrentcomm" {
			t.Errorf("cycle %v does not point at its commcycle or concurrentcomm finding", c.Nodes)
		}
	}
	if comm == 0 || cycles != comm {
		t.Errorf("%d commcycle findings, %d communication cycles; want one cycle each", comm, cycles)
	}
}
