package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestFindingsOnlyKeepsResources: -findings-only keeps the channel a leak
// blocks on and the lock an unreleased finding leaves held, found by the
// position of the finding's operation, with the function on that edge.
func TestFindingsOnlyKeepsResources(t *testing.T) {
	g := sample()
	g.AddNode(Node{ID: "mutex:example.com/p.c", Kind: Mutex, Name: "p.c", Package: "example.com/p"})
	g.AddNode(Node{ID: "func:example.com/p.leaves", Kind: Func, Name: "p.leaves", Package: "example.com/p"})
	lockAt := &Pos{File: "p.go", Line: 20, Col: 4}
	g.AddEdge(Edge{From: "func:example.com/p.leaves", To: "mutex:example.com/p.c", Kind: WaitsOn, Label: "lock", Pos: lockAt})
	g.AddEdge(Edge{From: "mutex:example.com/p.c", To: "func:example.com/p.leaves", Kind: HeldBy, Pos: lockAt})
	g.Findings = append(g.Findings, Finding{Check: "unreleased", Message: "lock not released", Pos: Pos{File: "p.go", Line: 22},
		Chain: []Hop{{Pos: *lockAt, Func: "p.leaves", What: "locks p.c"}}})
	g.AddNode(Node{ID: "func:example.com/p.worker", Finding: true})
	g.AddNode(Node{ID: "func:example.com/p.leaves", Finding: true})
	g.Normalize()
	g.FindingsOnly()
	for _, id := range []string{"func:example.com/p.worker", "chan:example.com/p.main#ch", "func:example.com/p.leaves", "mutex:example.com/p.c"} {
		if g.Node(id) == nil {
			t.Errorf("FindingsOnly dropped %s: %+v", id, g.Nodes)
		}
	}
	if !hasEdge(g, "func:example.com/p.worker", "chan:example.com/p.main#ch", WaitsOn) || !hasEdge(g, "mutex:example.com/p.c", "func:example.com/p.leaves", HeldBy) {
		t.Errorf("FindingsOnly dropped the edges to the findings' resources: %+v", g.Edges)
	}
	if g.Node("func:example.com/p.unrelated") != nil {
		t.Errorf("FindingsOnly kept p.unrelated")
	}
}

func hasEdge(g *Graph, from, to string, kind EdgeKind) bool {
	for _, e := range g.Edges {
		if e.From == from && e.To == to && e.Kind == kind {
			return true
		}
	}
	return false
}

// depGraph is package p drawn with what its chains reach in dependencies:
// p.main calls io.Copy, which (through io.Writer, resolved to every
// implementation) reaches io's own pipe channel and lock; p.main calls
// signal.Notify with p's channel, which the dependency sends on; p.main
// calls fmt.Println, which reaches only io's lock; and net has an Once
// nothing of p reaches.
func depGraph() *Graph {
	g := New()
	g.Packages = []string{"example.com/p"}
	for _, n := range []Node{
		{ID: "func:example.com/p.main", Kind: Func, Name: "p.main", Package: "example.com/p", Root: true},
		{ID: "chan:example.com/p.main#sig", Kind: Chan, Name: "sig (p.main)", Package: "example.com/p"},
		{ID: "func:io.Copy", Kind: Func, Name: "io.Copy", Package: "io"},
		{ID: "func:os/signal.Notify", Kind: Func, Name: "signal.Notify", Package: "os/signal"},
		{ID: "func:fmt.Println", Kind: Func, Name: "fmt.Println", Package: "fmt"},
		{ID: "chan:io.pipe.wrCh", Kind: Chan, Name: "(*io.pipe).wrCh", Package: "io"},
		{ID: "mutex:io.pipe.wrMu", Kind: Mutex, Name: "(*io.pipe).wrMu", Package: "io"},
		{ID: "once:net.onceInit", Kind: Once, Name: "net.onceInit", Package: "net"},
		{ID: "mutex:example.com/p.mu", Kind: Mutex, Name: "p.mu", Package: "example.com/p"},
	} {
		g.AddNode(n)
	}
	for _, e := range []Edge{
		{From: "func:example.com/p.main", To: "func:io.Copy", Kind: Calls},
		{From: "func:example.com/p.main", To: "func:os/signal.Notify", Kind: Calls},
		{From: "func:example.com/p.main", To: "func:fmt.Println", Kind: Calls},
		{From: "func:example.com/p.main", To: "chan:example.com/p.main#sig", Kind: WaitsOn, Label: "recv"},
		{From: "chan:example.com/p.main#sig", To: "func:os/signal.Notify", Kind: SentBy},
		{From: "func:io.Copy", To: "chan:io.pipe.wrCh", Kind: WaitsOn, Label: "send", Held: []string{"mutex:io.pipe.wrMu"}},
		{From: "chan:io.pipe.wrCh", To: "func:io.Copy", Kind: RecvBy},
		{From: "func:io.Copy", To: "mutex:io.pipe.wrMu", Kind: WaitsOn, Label: "lock"},
		{From: "func:fmt.Println", To: "mutex:io.pipe.wrMu", Kind: WaitsOn, Label: "lock"},
		{From: "mutex:io.pipe.wrMu", To: "func:fmt.Println", Kind: HeldBy},
		{From: "mutex:example.com/p.mu", To: "mutex:io.pipe.wrMu", Kind: Order, Label: "then"},
		{From: "func:example.com/p.main", To: "mutex:example.com/p.mu", Kind: WaitsOn, Label: "lock", Held: []string{"mutex:io.pipe.wrMu"}},
	} {
		g.AddEdge(e)
	}
	g.Normalize()
	return g
}

// TestTrimDependencies: of the dependencies, only the entry call whose
// chain reaches a resource of the drawn package stays; the dependencies'
// own resources, the entry calls that reach nothing else, and held locks
// naming what went are dropped; nothing is left without an edge.
func TestTrimDependencies(t *testing.T) {
	g := depGraph()
	g.TrimDependencies()
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	want := []string{"chan:example.com/p.main#sig", "func:example.com/p.main", "func:os/signal.Notify", "mutex:example.com/p.mu"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("TrimDependencies kept %v, want %v", ids, want)
	}
	if !hasEdge(g, "func:example.com/p.main", "func:os/signal.Notify", Calls) || !hasEdge(g, "chan:example.com/p.main#sig", "func:os/signal.Notify", SentBy) {
		t.Errorf("the collapsed chain into signal.Notify is gone: %+v", g.Edges)
	}
	for _, e := range g.Edges {
		if len(e.Held) > 0 {
			t.Errorf("edge %s -> %s still holds %v, which is not drawn", e.From, e.To, e.Held)
		}
	}
	assertNoIsolated(t, g)

	// A cycle through a dependency's lock keeps it.
	g = depGraph()
	g.AddEdge(Edge{From: "mutex:io.pipe.wrMu", To: "mutex:example.com/p.mu", Kind: Order, Label: "then"})
	g.Cycles = []Cycle{{Kind: "lock-order", Nodes: []string{"mutex:example.com/p.mu", "mutex:io.pipe.wrMu"}, Finding: -1}}
	g.Normalize()
	g.TrimDependencies()
	if g.Node("mutex:io.pipe.wrMu") == nil || len(g.Cycles) != 1 {
		t.Errorf("a cycle through a dependency's lock was dropped: %+v", g.Nodes)
	}

	// A finding whose chain goes through fmt.Println keeps io's lock: the
	// edge from the entry call is placed at the finding's hop.
	g = depGraph()
	at := Pos{File: "p.go", Line: 7, Col: 13}
	g.AddEdge(Edge{From: "func:fmt.Println", To: "mutex:io.pipe.wrMu", Kind: WaitsOn, Label: "lock", Pos: &at})
	g.Findings = []Finding{{Check: "doublelock", Message: "double lock", Pos: Pos{File: "p.go", Line: 8},
		Chain: []Hop{{Pos: at, Func: "p.main", What: "calls fmt.Println"}}}}
	g.Normalize()
	g.TrimDependencies()
	if g.Node("mutex:io.pipe.wrMu") == nil || g.Node("func:fmt.Println") == nil {
		t.Errorf("the lock a finding's chain ends at, through a dependency, was dropped: %+v", g.Nodes)
	}
	if g.Node("chan:io.pipe.wrCh") != nil {
		t.Errorf("io's channel, on no finding, was kept")
	}

	// Without Packages (the runtime hook's graphs), nothing is trimmed.
	g = depGraph()
	g.Packages = nil
	n := len(g.Nodes)
	g.TrimDependencies()
	if len(g.Nodes) != n {
		t.Errorf("a graph without Packages lost %d nodes", n-len(g.Nodes))
	}
}

func assertNoIsolated(t *testing.T, g *Graph) {
	t.Helper()
	linked := make(map[string]bool)
	for _, e := range g.Edges {
		linked[e.From], linked[e.To] = true, true
	}
	for _, n := range g.Nodes {
		if !linked[n.ID] {
			t.Errorf("node %s has no edge", n.ID)
		}
	}
}

// TestDropIsolated: a node no edge touches goes, with the cycles through
// it; the rest stays.
func TestDropIsolated(t *testing.T) {
	g := sample()
	g.AddNode(Node{ID: "once:example.com/p.lonely", Kind: Once, Name: "p.lonely", Package: "example.com/p"})
	g.Normalize()
	n := len(g.Nodes)
	g.DropIsolated()
	if len(g.Nodes) != n-1 || g.Node("once:example.com/p.lonely") != nil {
		t.Errorf("DropIsolated left %+v", g.Nodes)
	}
	assertNoIsolated(t, g)
}

// TestClusters: DOT and Mermaid draw one cluster per package drawn, and a
// dependency's nodes outside any, dashed in DOT.
func TestClusters(t *testing.T) {
	g := depGraph()
	dot := render(t, g, func(w *bytes.Buffer, g *Graph) error { return WriteDOT(w, g) })
	if n := strings.Count(dot, "subgraph cluster_"); n != 1 {
		t.Errorf("DOT has %d clusters, want 1 (package p):\n%s", n, dot)
	}
	if !strings.Contains(dot, `label="signal.Notify",shape="box",style="dashed"`) {
		t.Errorf("a dependency's function is not drawn dashed:\n%s", dot)
	}
	mm := render(t, g, func(w *bytes.Buffer, g *Graph) error { return WriteMermaid(w, g) })
	if n := strings.Count(mm, "subgraph "); n != 1 {
		t.Errorf("Mermaid has %d subgraphs, want 1:\n%s", n, mm)
	}
}
