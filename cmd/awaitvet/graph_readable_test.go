package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/report"
)

// needDot skips the test without Graphviz's dot, unless CI requires it.
func needDot(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("AWAITVET_REQUIRE_GRAPHVIZ") != "" {
			t.Fatal("AWAITVET_REQUIRE_GRAPHVIZ is set but Graphviz's dot is not on PATH")
		}
		t.Skip("Graphviz's dot is not on PATH")
	}
}

// TestGraphReadable draws the whole examples tree (examples/stuck imports
// net/http and the runtime hook) and a scratch module of six packages over
// net, net/http, io, os/signal and sync, as a reviewer opens them from CI.
// Each must have no node without an edge, show a dependency only where a
// chain of the drawn packages passes through it (the entry call and a
// resource of the drawn code), draw one cluster per package drawn, and lay
// out with Graphviz; the examples' graph must stay below a fixed size.
func TestGraphReadable(t *testing.T) {
	t.Parallel()
	needDot(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	scratch, err := filepath.Abs(filepath.Join("testdata", "scratch"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, dir, pattern string
		maxNodes, maxEdges int // 0: no bound
	}{
		// Before dependencies were trimmed: 68 nodes (18 without an edge,
		// 29 of dependencies), 76 edges. Now 37 and 64.
		{"examples", root, "./examples/...", 45, 80},
		// Before: 80 nodes (23 without an edge, 45 of dependencies), 70
		// edges, 7272 × 5323 px. Now 32 and 46.
		{"scratch", scratch, "./...", 45, 70},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := awaitvet(t, c.dir, "graph", "-checks=all", "-format=json", c.pattern)
			if r.code != exitClean {
				t.Fatalf("graph -format=json: exit %d, stderr:\n%s", r.code, r.stderr)
			}
			g, err := report.ReadJSON(strings.NewReader(r.stdout))
			if err != nil {
				t.Fatal(err)
			}
			assertReadable(t, g)
			if len(g.Nodes) > c.maxNodes || len(g.Edges) > c.maxEdges {
				t.Errorf("graph of %s has %d nodes and %d edges, want at most %d and %d", c.pattern, len(g.Nodes), len(g.Edges), c.maxNodes, c.maxEdges)
			}

			r = awaitvet(t, c.dir, "graph", "-checks=all", "-format=dot", c.pattern)
			if r.code != exitClean {
				t.Fatalf("graph -format=dot: exit %d, stderr:\n%s", r.code, r.stderr)
			}
			clusters := make(map[string]bool)
			for _, n := range g.Nodes {
				if g.Cluster(n) != "" {
					clusters[n.Package] = true
				}
			}
			if got := strings.Count(r.stdout, "subgraph cluster_"); got != len(clusters) {
				t.Errorf("the DOT has %d clusters, want %d (one per package drawn with a node)", got, len(clusters))
			}
			nodes, w, h := layout(t, r.stdout)
			if nodes != len(g.Nodes) {
				t.Errorf("Graphviz laid out %d nodes, the JSON graph has %d", nodes, len(g.Nodes))
			}
			t.Logf("%s: %d nodes, %d edges, %.0f × %.0f in laid out", c.pattern, len(g.Nodes), len(g.Edges), w, h)
		})
	}
}

// assertReadable checks what makes a graph readable whatever its size:
// every node has an edge, and dependencies (packages not drawn) are
// collapsed to the entry call and the resource: a dependency's function is
// called from a drawn function, calls nothing itself, and reaches a
// resource; a dependency's resource is linked to a drawn function or to
// such an entry call, never to a function deeper in the dependency.
func assertReadable(t *testing.T, g *report.Graph) {
	t.Helper()
	drawn := make(map[string]bool)
	for _, p := range g.Packages {
		drawn[p] = true
	}
	isDep := func(n *report.Node) bool { return n.Package != "" && !drawn[n.Package] }
	linked := make(map[string]bool)
	entry, callsOn, reachesResource := make(map[string]bool), make(map[string]bool), make(map[string]bool)
	for _, e := range g.Edges {
		from, to := g.Node(e.From), g.Node(e.To)
		if from == nil || to == nil {
			t.Errorf("edge %s -> %s: an end is not in the graph", e.From, e.To)
			continue
		}
		linked[e.From], linked[e.To] = true, true
		switch {
		case !from.Kind.IsResource() && !to.Kind.IsResource():
			if !isDep(from) {
				entry[e.To] = true
			} else {
				callsOn[e.From] = true
			}
		case from.Kind.IsResource() && !to.Kind.IsResource():
			reachesResource[e.To] = true
		case !from.Kind.IsResource() && to.Kind.IsResource():
			reachesResource[e.From] = true
		}
	}
	for _, n := range g.Nodes {
		switch {
		case !linked[n.ID]:
			t.Errorf("node %s has no edge", n.ID)
		case !isDep(&n) || n.Kind.IsResource():
		case !entry[n.ID] || callsOn[n.ID] || !reachesResource[n.ID]:
			t.Errorf("%s, a function of dependency %s, is not collapsed to an entry call from the drawn code reaching a resource (entry %v, calls on %v, reaches a resource %v)",
				n.ID, n.Package, entry[n.ID], callsOn[n.ID], reachesResource[n.ID])
		}
	}
	for _, e := range g.Edges {
		from, to := g.Node(e.From), g.Node(e.To)
		if from == nil || to == nil || from.Kind.IsResource() == to.Kind.IsResource() {
			continue
		}
		fn, res := from, to
		if from.Kind.IsResource() {
			fn, res = to, from
		}
		if isDep(res) && isDep(fn) && !entry[fn.ID] {
			t.Errorf("%s, a resource of dependency %s, is linked to %s, a function deep in a dependency", res.ID, res.Package, fn.ID)
		}
	}
	// The dependencies' own resources that only interface calls into the
	// standard library reach are not drawn.
	for _, n := range g.Nodes {
		if n.Package == "internal/poll" || n.Package == "io" && n.Kind.IsResource() {
			t.Errorf("%s is drawn: a chain of the drawn packages does not wait on it", n.ID)
		}
	}
}

// layout runs Graphviz on a DOT text and returns the number of nodes it
// laid out and the drawing's size in inches.
func layout(t *testing.T, dot string) (nodes int, width, height float64) {
	t.Helper()
	cmd := exec.Command("dot", "-Tplain")
	cmd.Stdin = strings.NewReader(dot)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("dot -Tplain: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) >= 4 && f[0] == "graph":
			width, _ = strconv.ParseFloat(f[2], 64)
			height, _ = strconv.ParseFloat(f[3], 64)
		case len(f) > 0 && f[0] == "node":
			nodes++
		}
	}
	return nodes, width, height
}

// TestGraphTestdata draws the JSON graph of every package of the
// analyzer's testdata (GOPATH mode, as the analyzer's tests load them),
// each on its own so that the others are dependencies: none may have a
// node without an edge or show a dependency it does not pass through. The
// awaitwhat chain of graphchain is there hop by hop: Job → foo → bar →
// baz → leaf → the channel leaf waits on.
func TestGraphTestdata(t *testing.T) {
	t.Parallel()
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(testdata, "src")
	var pkgs []string
	err = filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if gos, _ := filepath.Glob(filepath.Join(path, "*.go")); len(gos) > 0 {
			rel, _ := filepath.Rel(src, path)
			pkgs = append(pkgs, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil || len(pkgs) < 20 {
		t.Fatalf("testdata packages: %v, %v", pkgs, err)
	}
	if testing.Short() {
		// One process per package loads the standard library from source
		// each time (two minutes on two busy cores); -short keeps the two
		// packages whose chains are checked hop by hop.
		pkgs = []string{"awaitwhat", "graphchain"}
	}
	env := []string{"GOPATH=" + testdata, "GO111MODULE=off"}
	for _, pkg := range pkgs {
		t.Run(strings.ReplaceAll(pkg, "/", "_"), func(t *testing.T) {
			t.Parallel()
			r := command(t, src, env, awaitvetBin, "graph", "-checks=all", "-format=json", pkg)
			if r.code != exitClean {
				t.Fatalf("graph %s: exit %d, stderr:\n%s", pkg, r.code, r.stderr)
			}
			g, err := report.ReadJSON(strings.NewReader(r.stdout))
			if err != nil {
				t.Fatal(err)
			}
			assertReadable(t, g)
			if pkg == "awaitwhat" {
				assertAwaitwhatChain(t, g)
				return
			}
			if pkg != "graphchain" {
				return
			}
			path := []string{"func:graphchain.Job", "func:graphchain.foo", "func:graphchain.bar", "func:graphchain.baz", "func:graphchain.leaf"}
			for i := 0; i+1 < len(path); i++ {
				if !hasEdge(g, path[i], path[i+1], report.Calls) {
					t.Errorf("no calls edge %s -> %s", path[i], path[i+1])
				}
			}
			found := false
			for _, e := range g.Edges {
				if n := g.Node(e.To); e.From == path[len(path)-1] && e.Kind == report.WaitsOn && n != nil && n.Kind == report.Chan {
					found = true
				}
			}
			if !found {
				t.Errorf("no waits-on edge from leaf to a channel:\n%s", r.stdout)
			}
		})
	}
}

// assertAwaitwhatChain checks the awaitwhat example of the testdata hop by
// hop: Work starts a goroutine that calls job, then foo, bar, baz and leaf,
// which waits on the package-level channel results. foo, bar and baz do
// nothing a summary keeps (the wait is on a channel of no caller's), so the
// calls are drawn because they reach leaf's wait.
func assertAwaitwhatChain(t *testing.T, g *report.Graph) {
	t.Helper()
	if !hasEdge(g, "func:awaitwhat.Work", "func:awaitwhat.Work.func1", report.Spawns) {
		t.Errorf("no spawns edge Work -> Work.func1")
	}
	path := []string{"func:awaitwhat.Work.func1", "func:awaitwhat.job", "func:awaitwhat.foo", "func:awaitwhat.bar", "func:awaitwhat.baz", "func:awaitwhat.leaf"}
	for i := 0; i+1 < len(path); i++ {
		if !hasEdge(g, path[i], path[i+1], report.Calls) {
			t.Errorf("no calls edge %s -> %s", path[i], path[i+1])
		}
	}
	if !hasEdge(g, "func:awaitwhat.leaf", "chan:awaitwhat.results", report.WaitsOn) {
		t.Errorf("no waits-on edge leaf -> chan:awaitwhat.results")
	}
}
