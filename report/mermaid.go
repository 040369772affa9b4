package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteMermaid renders g as a Mermaid flowchart (GitHub renders it in
// Markdown): a subgraph per package drawn (see Cluster), dependencies
// outside them, shapes by kind, cycles in red.
func WriteMermaid(w io.Writer, g *Graph) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	for _, note := range g.Notes {
		fmt.Fprintf(&b, "  %%%% %s\n", note)
	}
	short := make(map[string]string, len(g.Nodes))
	for i, n := range g.Nodes {
		short[n.ID] = fmt.Sprintf("n%d", i)
	}
	byPkg := make(map[string][]Node)
	var pkgs []string
	for _, n := range g.Nodes {
		c := g.Cluster(n)
		if _, ok := byPkg[c]; !ok {
			pkgs = append(pkgs, c)
		}
		byPkg[c] = append(byPkg[c], n)
	}
	red := redSets(g)
	for _, p := range pkgs {
		indent := "  "
		if p != "" {
			fmt.Fprintf(&b, "  subgraph %s[\"%s\"]\n", mermaidID(p), mermaidText(p))
			indent = "    "
		}
		for _, n := range byPkg[p] {
			open, close := mermaidShape(n.Kind)
			fmt.Fprintf(&b, "%s%s%s\"%s\"%s\n", indent, short[n.ID], open, mermaidText(nodeLabel(n)), close)
		}
		if p != "" {
			b.WriteString("  end\n")
		}
	}
	var redEdges []int
	for i, e := range g.Edges {
		arrow := "-->"
		switch e.Kind {
		case Spawns:
			arrow = "-.->"
		case WaitsOn:
			arrow = "==>"
		}
		fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", short[e.From], arrow, mermaidText(edgeLabel(e)), short[e.To])
		if red.edges[[2]string{e.From, e.To}] {
			redEdges = append(redEdges, i)
		}
	}
	for _, n := range g.Nodes {
		if n.Finding || red.nodes[n.ID] {
			fmt.Fprintf(&b, "  style %s stroke:#d00,stroke-width:2px,color:#d00\n", short[n.ID])
		}
	}
	for _, i := range redEdges {
		fmt.Fprintf(&b, "  linkStyle %d stroke:#d00,stroke-width:2px\n", i)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mermaidShape(k NodeKind) (string, string) {
	switch k {
	case Func:
		return "[", "]"
	case Chan:
		return "[/", "/]"
	case Mutex, RWMutex:
		return "{{", "}}"
	case WaitGroup:
		return "[(", ")]"
	case Cond:
		return "{", "}"
	}
	return "(", ")"
}

// mermaidText escapes what Mermaid would read as syntax inside a quoted label.
func mermaidText(s string) string {
	s = strings.ReplaceAll(s, "\n", "<br/>")
	return strings.NewReplacer(`"`, "#quot;", "<-", "&lt;-", "*", "#42;").Replace(s)
}

func mermaidID(s string) string {
	var b strings.Builder
	b.WriteString("pkg_")
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
