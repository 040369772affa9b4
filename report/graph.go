// Package report holds the wait-for graph model — goroutine roots, the
// functions on their chains, the resources they block on and who releases
// or feeds those resources — and its renderings (DOT, Mermaid, JSON, text
// chains, SARIF). It never imports golang.org/x/tools, so the runtime hook
// can use it without paying for the analysis.
package report

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// SchemaVersion is the version of the JSON form of a Graph. It changes when
// a field changes meaning or goes away; new fields do not change it.
const SchemaVersion = 1

// NodeKind says what a node stands for.
type NodeKind string

const (
	Func      NodeKind = "func"      // a function on some chain
	Mutex     NodeKind = "mutex"     // sync.Mutex, or a RWMutex only write-locked
	RWMutex   NodeKind = "rwmutex"   // a sync.RWMutex read-locked somewhere
	Chan      NodeKind = "chan"      // a channel (by make site, field or variable)
	WaitGroup NodeKind = "waitgroup" // sync.WaitGroup or errgroup.Group
	Cond      NodeKind = "cond"      // sync.Cond
	Once      NodeKind = "once"      // sync.Once
	Goroutine NodeKind = "goroutine" // a live goroutine (runtime hook only)
)

// IsResource reports whether nodes of kind k are things goroutines wait on.
func (k NodeKind) IsResource() bool { return k != Func && k != Goroutine && k != "" }

// EdgeKind says how two nodes are related.
type EdgeKind string

const (
	Calls    EdgeKind = "calls"       // func → func: a call on a chain
	Spawns   EdgeKind = "spawns"      // func → func: a go statement (or WaitGroup.Go, errgroup.Go)
	WaitsOn  EdgeKind = "waits-on"    // func → resource: a lock, receive, send or Wait that can block
	HeldBy   EdgeKind = "held-by"     // mutex → func: the function acquires it, so others wait for it to release
	SentBy   EdgeKind = "sent-by"     // chan → func: the function sends on it
	RecvBy   EdgeKind = "received-by" // chan → func: the function receives from it (a sender waits for it)
	ClosedBy EdgeKind = "closed-by"   // chan → func: the function closes it
	DoneBy   EdgeKind = "done-by"     // waitgroup → func: the function calls Done
	Signals  EdgeKind = "signalled-by"
	Order    EdgeKind = "lock-order" // mutex → mutex: the second is acquired while the first is held
)

// Pos is a source position. File is as the producer saw it (the analyzer
// gives absolute paths; drivers may make them relative).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col,omitempty"`
}

func (p Pos) String() string {
	if p.File == "" {
		return "-"
	}
	if p.Col > 0 {
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// A Node is a function or a resource. IDs are stable across runs: a
// function's is "func:" and its package-qualified name, a resource's its
// kind and class ("mutex:example.com/x.(*Server).mu"), or for a resource
// local to one function, that function's ID and the local name.
type Node struct {
	ID      string   `json:"id"`
	Kind    NodeKind `json:"kind"`
	Name    string   `json:"name"`              // as a reader would write it, qualified by package name
	Package string   `json:"package,omitempty"` // import path
	Pos     *Pos     `json:"pos,omitempty"`     // declaration, or make site
	Root    bool     `json:"root,omitempty"`    // a goroutine root: started by a go statement, or an exported entry point
	Finding bool     `json:"finding,omitempty"` // on the chain of some finding
}

// An Edge relates two nodes. Held lists the IDs of the locks certainly held
// when a WaitsOn edge's operation blocks.
type Edge struct {
	From  string   `json:"from"`
	To    string   `json:"to"`
	Kind  EdgeKind `json:"kind"`
	Label string   `json:"label,omitempty"` // "recv", "send", "lock", "rlock", "wait", "range"...
	Held  []string `json:"held,omitempty"`
	Pos   *Pos     `json:"pos,omitempty"`
}

// A Cycle is a closed wait: each node waits for the next, the last for the
// first. Kind is "lock-order" or "communication" in static graphs, and
// "deadlock" in the runtime hook's live graphs.
type Cycle struct {
	Kind    string   `json:"kind"`
	Nodes   []string `json:"nodes"`
	Finding int      `json:"finding"` // index into Graph.Findings, -1 when none
}

// A Hop is one step of a finding's chain.
type Hop struct {
	Pos  Pos    `json:"pos"`
	Func string `json:"func"`
	What string `json:"what"`
}

// A Finding is one reported problem with the chain that explains it.
type Finding struct {
	Check   string `json:"check"`
	Message string `json:"message"`
	Pos     Pos    `json:"pos"`
	Chain   []Hop  `json:"chain,omitempty"`
}

// Graph is the wait-for graph of one or more packages.
type Graph struct {
	Version  int       `json:"version"`
	Packages []string  `json:"packages,omitempty"`
	Nodes    []Node    `json:"nodes"`
	Edges    []Edge    `json:"edges"`
	Cycles   []Cycle   `json:"cycles,omitempty"`
	Findings []Finding `json:"findings,omitempty"`
	Notes    []string  `json:"notes,omitempty"` // what was cut or skipped, for the reader

	index map[string]int // node ID → index in Nodes, kept by AddNode
}

// New returns an empty graph of the current schema version.
func New() *Graph { return &Graph{Version: SchemaVersion} }

// AddNode adds n unless a node with its ID is there; a later, more complete
// description fills the gaps of the first (position, root, package).
func (g *Graph) AddNode(n Node) {
	if i, ok := g.lookup(n.ID); ok {
		m := &g.Nodes[i]
		m.Root = m.Root || n.Root
		m.Finding = m.Finding || n.Finding
		if m.Pos == nil {
			m.Pos = n.Pos
		}
		if m.Package == "" {
			m.Package = n.Package
		}
		if m.Kind == "" || m.Kind == Mutex && n.Kind == RWMutex {
			m.Kind = n.Kind
		}
		if m.Name == "" {
			m.Name = n.Name
		}
		return
	}
	g.index[n.ID] = len(g.Nodes)
	g.Nodes = append(g.Nodes, n)
}

// lookup finds a node's index, rebuilding the index if Nodes was changed
// behind AddNode's back (decoded, filtered, sorted).
func (g *Graph) lookup(id string) (int, bool) {
	if g.index == nil || len(g.index) != len(g.Nodes) {
		g.index = make(map[string]int, len(g.Nodes))
		for i, n := range g.Nodes {
			g.index[n.ID] = i
		}
	}
	i, ok := g.index[id]
	if ok && (i >= len(g.Nodes) || g.Nodes[i].ID != id) {
		g.index = nil
		return g.lookup(id)
	}
	return i, ok
}

// AddEdge adds e; duplicates are removed by Normalize.
func (g *Graph) AddEdge(e Edge) { g.Edges = append(g.Edges, e) }

// Node returns the node with the given ID, or nil.
func (g *Graph) Node(id string) *Node {
	if i, ok := g.lookup(id); ok {
		return &g.Nodes[i]
	}
	return nil
}

// Merge adds o's nodes, edges, cycles, findings and notes to g.
func (g *Graph) Merge(o *Graph) {
	if o == nil {
		return
	}
	g.Packages = append(g.Packages, o.Packages...)
	for _, n := range o.Nodes {
		g.AddNode(n)
	}
	g.Edges = append(g.Edges, o.Edges...)
	base := len(g.Findings)
	g.Findings = append(g.Findings, o.Findings...)
	for _, c := range o.Cycles {
		if c.Finding >= 0 {
			c.Finding += base
		}
		g.Cycles = append(g.Cycles, c)
	}
	g.Notes = append(g.Notes, o.Notes...)
}

// Normalize sorts everything and removes duplicates, so that the same
// program always yields the same bytes. Edges whose ends are missing are
// dropped.
func (g *Graph) Normalize() {
	g.Version = SchemaVersion
	slices.Sort(g.Packages)
	g.Packages = slices.Compact(g.Packages)
	slices.SortFunc(g.Nodes, func(a, b Node) int { return cmp.Compare(a.ID, b.ID) })
	g.Nodes = slices.CompactFunc(g.Nodes, func(a, b Node) bool { return a.ID == b.ID })
	g.index = nil
	ids := g.ids()
	edges := g.Edges[:0]
	for _, e := range g.Edges {
		if ids[e.From] && ids[e.To] {
			slices.Sort(e.Held)
			e.Held = slices.Compact(e.Held)
			edges = append(edges, e)
		}
	}
	slices.SortFunc(edges, compareEdges)
	g.Edges = slices.CompactFunc(edges, func(a, b Edge) bool { return compareEdges(a, b) == 0 })
	// Findings sorted; cycles keep pointing at theirs.
	order := make([]int, len(g.Findings))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareFindings(g.Findings[i], g.Findings[j]) })
	newIdx := make([]int, len(order))
	sorted := make([]Finding, 0, len(order))
	for k, i := range order {
		if k > 0 && compareFindings(g.Findings[order[k-1]], g.Findings[i]) == 0 {
			newIdx[i] = len(sorted) - 1
			continue
		}
		newIdx[i] = len(sorted)
		sorted = append(sorted, g.Findings[i])
	}
	g.Findings = sorted
	for i := range g.Cycles {
		if f := g.Cycles[i].Finding; f >= 0 && f < len(newIdx) {
			g.Cycles[i].Finding = newIdx[f]
		} else {
			g.Cycles[i].Finding = -1
		}
	}
	cycles := g.Cycles[:0]
	for _, c := range g.Cycles {
		if len(c.Nodes) > 0 && all(c.Nodes, ids) {
			c.Nodes = rotate(c.Nodes)
			cycles = append(cycles, c)
		}
	}
	slices.SortFunc(cycles, func(a, b Cycle) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), slices.Compare(a.Nodes, b.Nodes), cmp.Compare(a.Finding, b.Finding))
	})
	g.Cycles = slices.CompactFunc(cycles, func(a, b Cycle) bool { return a.Kind == b.Kind && slices.Equal(a.Nodes, b.Nodes) })
	slices.Sort(g.Notes)
	g.Notes = slices.Compact(g.Notes)
	if g.Nodes == nil {
		g.Nodes = []Node{}
	}
	if g.Edges == nil {
		g.Edges = []Edge{}
	}
}

func (g *Graph) ids() map[string]bool {
	ids := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		ids[n.ID] = true
	}
	return ids
}

func all(xs []string, in map[string]bool) bool {
	for _, x := range xs {
		if !in[x] {
			return false
		}
	}
	return true
}

// rotate starts a cycle at its smallest ID, so the same cycle found from
// another node compares equal.
func rotate(ns []string) []string {
	m := 0
	for i := range ns {
		if ns[i] < ns[m] {
			m = i
		}
	}
	return append(append([]string(nil), ns[m:]...), ns[:m]...)
}

func comparePos(a, b *Pos) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

func compareEdges(a, b Edge) int {
	return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Label, b.Label), slices.Compare(a.Held, b.Held), comparePos(a.Pos, b.Pos))
}

func compareFindings(a, b Finding) int {
	c := cmp.Or(comparePos(&a.Pos, &b.Pos), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message))
	if c != 0 {
		return c
	}
	return slices.CompareFunc(a.Chain, b.Chain, func(x, y Hop) int {
		return cmp.Or(comparePos(&x.Pos, &y.Pos), cmp.Compare(x.Func, y.Func), cmp.Compare(x.What, y.What))
	})
}

// Cluster returns the package n is drawn in a cluster of, "" when none:
// its own package when that is one of g.Packages (or when g lists no
// packages); a dependency's node is drawn outside the clusters, so that
// the drawing has one cluster per package asked for.
func (g *Graph) Cluster(n Node) string {
	if n.Package == "" || len(g.Packages) == 0 {
		return n.Package
	}
	if slices.Contains(g.Packages, n.Package) {
		return n.Package
	}
	return ""
}

// Match returns the IDs of the nodes a user's name refers to: an exact ID,
// an exact name, or a name that ends with ".NAME" or ")NAME"-style suffix
// (so "Withdraw" finds "ledger.(*Ledger).Withdraw"). A name is also matched
// with its package qualifiers left out on both sides, so that any name as a
// finding prints it works: "(*Ledger).mu", as package ledger's own findings
// say, finds the node "(*ledger.Ledger).mu".
func (g *Graph) Match(name string) []string {
	var out []string
	short := unqualified(name)
	for _, n := range g.Nodes {
		if n.ID == name || matchName(n.Name, name) || matchName(unqualified(n.Name), short) {
			out = append(out, n.ID)
		}
	}
	return out
}

func matchName(full, name string) bool {
	return full == name || strings.HasSuffix(full, "."+name) || strings.HasSuffix(full, ")"+name)
}

// unqualified drops the package qualifiers of the type and function names
// in s: "ledger.(*Ledger).Withdraw" → "(*Ledger).Withdraw",
// "(*ledger.Ledger).mu" → "(*Ledger).mu", "ledger.New" stays (a function is
// named with its package).
func unqualified(s string) string {
	s = qualifierInParens().ReplaceAllString(s, "($1")
	return leadingQualifier().ReplaceAllString(s, "(")
}

var (
	qualifierInParens = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\((\*?)[A-Za-z_][A-Za-z0-9_]*\.`) })
	leadingQualifier  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\.\(`) })
)
