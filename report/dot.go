package report

import (
	"io"
	"strings"

	"github.com/emicklei/dot"
)

// Colours and shapes of the DOT rendering, one place to change the look.
var (
	shapes = map[NodeKind]string{
		Func: "box", Mutex: "octagon", RWMutex: "doubleoctagon", Chan: "cds",
		WaitGroup: "house", Cond: "diamond", Once: "invtriangle", Goroutine: "ellipse",
	}
	edgeStyles = map[EdgeKind]string{
		Calls: "solid", Spawns: "dashed", WaitsOn: "bold", HeldBy: "dotted", SentBy: "dotted", RecvBy: "dotted",
		ClosedBy: "dotted", DoneBy: "dotted", Signals: "dotted", Order: "solid",
	}
	findingColor = "red"
)

// WriteDOT renders g in Graphviz's language: one cluster per package drawn
// (see Cluster), dependencies outside them with a dashed border, nodes
// shaped by kind, edges labelled, findings and cycles in red.
func WriteDOT(w io.Writer, g *Graph) error {
	out := dot.NewGraph(dot.Directed)
	out.Attr("rankdir", "LR")
	out.Attr("fontname", "Helvetica")
	if len(g.Notes) > 0 {
		out.Attr("label", strings.Join(g.Notes, "\n"))
		out.Attr("labelloc", "t")
	}
	red := redSets(g)
	nodes := make(map[string]dot.Node, len(g.Nodes))
	for _, n := range g.Nodes {
		parent := out
		cluster := g.Cluster(n)
		if cluster != "" {
			parent = out.Subgraph(cluster, dot.ClusterOption{})
		}
		dn := parent.Node(n.ID).Label(nodeLabel(n)).Attr("shape", shapes[n.Kind]).Attr("fontname", "Helvetica")
		var style []string
		if n.Kind.IsResource() {
			style = append(style, "filled")
			dn.Attr("fillcolor", "lightyellow")
		}
		if cluster == "" && n.Package != "" {
			style = append(style, "dashed") // a dependency
		}
		if len(style) > 0 {
			dn.Attr("style", strings.Join(style, ","))
		}
		if n.Root {
			dn.Attr("peripheries", "2")
		}
		if n.Finding || red.nodes[n.ID] {
			dn.Attr("color", findingColor).Attr("fontcolor", findingColor)
		}
		nodes[n.ID] = dn
	}
	for _, e := range g.Edges {
		de := out.Edge(nodes[e.From], nodes[e.To]).Label(edgeLabel(e)).Attr("style", edgeStyles[e.Kind]).Attr("fontname", "Helvetica")
		if red.edges[[2]string{e.From, e.To}] {
			de.Attr("color", findingColor).Attr("fontcolor", findingColor).Attr("penwidth", "2")
		}
	}
	_, err := io.WriteString(w, out.String())
	return err
}

type redSet struct {
	nodes map[string]bool
	edges map[[2]string]bool
}

// redSets collects the nodes and edges of the cycles.
func redSets(g *Graph) redSet {
	r := redSet{make(map[string]bool), make(map[[2]string]bool)}
	for _, c := range g.Cycles {
		for i, id := range c.Nodes {
			r.nodes[id] = true
			r.edges[[2]string{id, c.Nodes[(i+1)%len(c.Nodes)]}] = true
		}
	}
	return r
}

func nodeLabel(n Node) string {
	if n.Kind == Func {
		return n.Name
	}
	return string(n.Kind) + "\n" + n.Name
}

// edgeLabel is the edge's kind and detail, with the locks held.
func edgeLabel(e Edge) string {
	l := string(e.Kind)
	if e.Label != "" {
		l = e.Label
	}
	if len(e.Held) > 0 {
		l += " holding " + strings.Join(shortIDs(e.Held), ", ")
	}
	return l
}

// shortIDs drops the kind prefix of resource IDs, for labels.
func shortIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		if k := strings.Index(id, ":"); k >= 0 {
			id = id[k+1:]
		}
		if k := strings.LastIndex(id, "/"); k >= 0 {
			id = id[k+1:]
		}
		out[i] = id
	}
	return out
}
