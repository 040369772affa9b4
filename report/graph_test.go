package report

import (
	"bytes"
	"strings"
	"testing"
)

// sample is a small graph: main spawns worker, which waits on a channel
// main never sends to; two mutexes in a lock-order cycle.
func sample() *Graph {
	g := New()
	g.Packages = []string{"example.com/p"}
	g.AddNode(Node{ID: "func:example.com/p.main", Kind: Func, Name: "p.main", Package: "example.com/p", Root: true})
	g.AddNode(Node{ID: "func:example.com/p.worker", Kind: Func, Name: "p.worker", Package: "example.com/p"})
	g.AddNode(Node{ID: "chan:example.com/p.main#ch", Kind: Chan, Name: "ch (p.main)", Package: "example.com/p"})
	g.AddNode(Node{ID: "mutex:example.com/p.a", Kind: Mutex, Name: "p.a", Package: "example.com/p"})
	g.AddNode(Node{ID: "mutex:example.com/p.b", Kind: Mutex, Name: "p.b", Package: "example.com/p"})
	g.AddNode(Node{ID: "func:example.com/p.unrelated", Kind: Func, Name: "p.unrelated", Package: "example.com/p"})
	g.AddEdge(Edge{From: "func:example.com/p.main", To: "func:example.com/p.worker", Kind: Spawns, Pos: &Pos{File: "p.go", Line: 3}})
	g.AddEdge(Edge{From: "func:example.com/p.worker", To: "chan:example.com/p.main#ch", Kind: WaitsOn, Label: "recv", Pos: &Pos{File: "p.go", Line: 9, Col: 2}})
	g.AddEdge(Edge{From: "mutex:example.com/p.b", To: "mutex:example.com/p.a", Kind: Order, Label: "then"})
	g.AddEdge(Edge{From: "mutex:example.com/p.a", To: "mutex:example.com/p.b", Kind: Order, Label: "then"})
	g.AddEdge(Edge{From: "func:example.com/p.unrelated", To: "mutex:example.com/p.a", Kind: WaitsOn, Label: "lock"})
	g.Findings = []Finding{{Check: "nopartner", Message: "no sender", Pos: Pos{File: "p.go", Line: 9, Col: 2},
		Chain: []Hop{{Pos: Pos{File: "p.go", Line: 3}, Func: "p.main", What: "starts goroutine p.worker"}, {Pos: Pos{File: "p.go", Line: 9, Col: 2}, Func: "p.worker", What: "receives from ch"}}}}
	g.Cycles = []Cycle{{Kind: "lock-order", Nodes: []string{"mutex:example.com/p.b", "mutex:example.com/p.a"}, Finding: -1}}
	g.Normalize()
	return g
}

func render(t *testing.T, g *Graph, write func(*bytes.Buffer, *Graph) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestNormalizeDeterministic(t *testing.T) {
	a, b := sample(), sample()
	// The same graph built in another order normalizes to the same bytes.
	for i, j := 0, len(b.Nodes)-1; i < j; i, j = i+1, j-1 {
		b.Nodes[i], b.Nodes[j] = b.Nodes[j], b.Nodes[i]
	}
	b.Edges = append(b.Edges, b.Edges[0]) // a duplicate
	b.Normalize()
	ja := render(t, a, func(w *bytes.Buffer, g *Graph) error { return WriteJSON(w, g) })
	jb := render(t, b, func(w *bytes.Buffer, g *Graph) error { return WriteJSON(w, g) })
	if ja != jb {
		t.Errorf("normalized graphs differ:\n%s\n%s", ja, jb)
	}
	if got := a.Cycles[0].Nodes[0]; got != "mutex:example.com/p.a" {
		t.Errorf("cycle not rotated to its smallest node: starts at %s", got)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	g := sample()
	text := render(t, g, func(w *bytes.Buffer, g *Graph) error { return WriteJSON(w, g) })
	back, err := ReadJSON(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if again := render(t, back, func(w *bytes.Buffer, g *Graph) error { return WriteJSON(w, g) }); again != text {
		t.Errorf("round trip changed the graph:\n%s\n%s", text, again)
	}
	if _, err := ReadJSON(strings.NewReader(`{"version": 99, "nodes": [], "edges": []}`)); err == nil || !strings.Contains(err.Error(), "schema version 99") {
		t.Errorf("a newer schema version is not refused: %v", err)
	}
	if _, err := ReadJSON(strings.NewReader(`{"nodes": [`)); err == nil {
		t.Error("truncated JSON is not an error")
	}
}

func TestFocusAndFindingsOnly(t *testing.T) {
	g := sample()
	if !g.Focus("worker") {
		t.Fatal("Focus(worker) matched nothing")
	}
	if g.Node("func:example.com/p.main") == nil || g.Node("chan:example.com/p.main#ch") == nil {
		t.Errorf("Focus(worker) dropped what reaches or is reached from worker: %+v", g.Nodes)
	}
	if g.Node("func:example.com/p.unrelated") != nil || g.Node("mutex:example.com/p.a") != nil {
		t.Errorf("Focus(worker) kept unrelated nodes: %+v", g.Nodes)
	}
	if sample().Focus("nosuch") {
		t.Error("Focus(nosuch) matched")
	}

	g = sample()
	g.AddNode(Node{ID: "func:example.com/p.worker", Finding: true})
	g.FindingsOnly()
	if g.Node("func:example.com/p.worker") == nil || g.Node("mutex:example.com/p.a") == nil || g.Node("func:example.com/p.unrelated") != nil {
		t.Errorf("FindingsOnly kept %+v", g.Nodes)
	}
}

func TestCap(t *testing.T) {
	g := sample()
	g.Cap(3)
	if len(g.Nodes) != 3 {
		t.Fatalf("Cap(3) left %d nodes", len(g.Nodes))
	}
	if g.Node("mutex:example.com/p.a") == nil || g.Node("mutex:example.com/p.b") == nil {
		t.Errorf("Cap dropped a cycle's node before others: %+v", g.Nodes)
	}
	if len(g.Notes) != 1 || !strings.Contains(g.Notes[0], "graph cut to 3 of 6 nodes") {
		t.Errorf("Cap's note = %q", g.Notes)
	}
	if dot := render(t, g, func(w *bytes.Buffer, g *Graph) error { return WriteDOT(w, g) }); !strings.Contains(dot, "graph cut to 3 of 6 nodes") {
		t.Errorf("the DOT does not show the cut:\n%s", dot)
	}
}

func TestMerge(t *testing.T) {
	a := sample()
	b := New()
	b.Packages = []string{"example.com/q"}
	b.AddNode(Node{ID: "func:example.com/p.worker", Kind: Func, Name: "p.worker", Root: true})
	b.Findings = []Finding{{Check: "lockorder", Message: "cycle", Pos: Pos{File: "q.go", Line: 1}}}
	b.Cycles = []Cycle{{Kind: "lock-order", Nodes: []string{"func:example.com/p.worker"}, Finding: 0}}
	a.Merge(b)
	a.Normalize()
	if n := a.Node("func:example.com/p.worker"); n == nil || !n.Root {
		t.Errorf("merged node lost what the second graph said of it: %+v", n)
	}
	var merged *Cycle
	for i := range a.Cycles {
		if a.Cycles[i].Nodes[0] == "func:example.com/p.worker" {
			merged = &a.Cycles[i]
		}
	}
	if len(a.Findings) != 2 || merged == nil || merged.Finding < 0 || a.Findings[merged.Finding].Message != "cycle" {
		t.Errorf("merged cycle does not point at its finding: %+v %+v", a.Cycles, a.Findings)
	}
}

func TestDiff(t *testing.T) {
	base := sample()
	if d := Compare(base, sample()); !d.Empty() {
		t.Errorf("a graph differs from itself: %+v", d)
	}
	head := sample()
	head.AddNode(Node{ID: "mutex:example.com/p.c", Kind: Mutex, Name: "p.c"})
	head.AddEdge(Edge{From: "func:example.com/p.worker", To: "mutex:example.com/p.c", Kind: WaitsOn, Label: "lock", Pos: &Pos{File: "p.go", Line: 20}})
	head.AddEdge(Edge{From: "func:example.com/p.main", To: "func:example.com/p.unrelated", Kind: Calls})
	// Moved code is not new.
	head.Edges[0].Pos = &Pos{File: "p.go", Line: 99}
	head.Normalize()
	d := Compare(base, head)
	var out bytes.Buffer
	if err := d.Write(&out); err != nil {
		t.Fatal(err)
	}
	if want := "new blocking edge: p.go:20: p.worker lock p.c\n"; out.String() != want {
		t.Errorf("diff = %q, want %q", out.String(), want)
	}
}

func TestMermaidEscapes(t *testing.T) {
	g := New()
	g.AddNode(Node{ID: "chan:x", Kind: Chan, Name: `c "quoted" <-chan *T`})
	text := render(t, g, func(w *bytes.Buffer, g *Graph) error { return WriteMermaid(w, g) })
	if strings.Contains(text, `"quoted"`) || strings.Contains(text, "<-chan") {
		t.Errorf("Mermaid label not escaped:\n%s", text)
	}
}

func TestChainsPartners(t *testing.T) {
	g := sample()
	var b bytes.Buffer
	n, err := WriteChains(&b, g, "worker")
	if err != nil || n != 1 {
		t.Fatalf("WriteChains = %d, %v", n, err)
	}
	want := "p.go:9:2: no sender [nopartner]\n" +
		"   1. p.go:3 in p.main: starts goroutine p.worker\n" +
		"   2. p.go:9:2 in p.worker: receives from ch\n" +
		"  -> ch (p.main): nothing in the analysed code releases or feeds it\n"
	if b.String() != want {
		t.Errorf("chains:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestMatchAsFindingsPrint: a name is found however a finding prints it,
// with or without its package qualifiers.
func TestMatchAsFindingsPrint(t *testing.T) {
	g := &Graph{}
	g.AddNode(Node{ID: "mutex:l.Ledger.mu", Name: "(*ledger.Ledger).mu", Kind: "mutex"})
	g.AddNode(Node{ID: "func:l.Withdraw", Name: "ledger.(*Ledger).Withdraw", Kind: "func"})
	g.AddNode(Node{ID: "func:l.New", Name: "ledger.New", Kind: "func"})
	for name, want := range map[string]string{
		"(*Ledger).mu":              "mutex:l.Ledger.mu",
		"(*ledger.Ledger).mu":       "mutex:l.Ledger.mu",
		"(*Ledger).Withdraw":        "func:l.Withdraw",
		"Withdraw":                  "func:l.Withdraw",
		"ledger.(*Ledger).Withdraw": "func:l.Withdraw",
		"New":                       "func:l.New",
	} {
		if got := g.Match(name); len(got) != 1 || got[0] != want {
			t.Errorf("Match(%q) = %v, want [%s]", name, got, want)
		}
	}
	if got := g.Match("(*Other).mu"); len(got) != 0 {
		t.Errorf("Match((*Other).mu) = %v", got)
	}
}
