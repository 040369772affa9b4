package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// A Diff is what a change adds to a wait-for graph: the cycles and the
// blocking edges (waits-on, lock-order) the base did not have. Positions
// are ignored, so moving code does not count as new.
type Diff struct {
	NewCycles []Cycle
	NewWaits  []Edge
	head      *Graph
}

// Compare returns what head adds to base.
func Compare(base, head *Graph) Diff {
	cycles := make(map[string]bool)
	for _, c := range base.Cycles {
		cycles[cycleKey(c)] = true
	}
	waits := make(map[string]bool)
	for _, e := range base.Edges {
		waits[edgeKey(e)] = true
	}
	d := Diff{head: head}
	for _, c := range head.Cycles {
		if !cycles[cycleKey(c)] {
			d.NewCycles = append(d.NewCycles, c)
		}
	}
	for _, e := range head.Edges {
		if (e.Kind == WaitsOn || e.Kind == Order) && !waits[edgeKey(e)] {
			d.NewWaits = append(d.NewWaits, e)
		}
	}
	d.NewWaits = slices.CompactFunc(d.NewWaits, func(a, b Edge) bool { return edgeKey(a) == edgeKey(b) })
	slices.SortStableFunc(d.NewWaits, func(a, b Edge) int { return comparePos(a.Pos, b.Pos) })
	return d
}

// Empty reports whether the change adds nothing.
func (d Diff) Empty() bool { return len(d.NewCycles) == 0 && len(d.NewWaits) == 0 }

func cycleKey(c Cycle) string { return c.Kind + "|" + strings.Join(rotate(c.Nodes), "|") }

func edgeKey(e Edge) string {
	return strings.Join([]string{e.From, e.To, string(e.Kind), e.Label, strings.Join(e.Held, ",")}, "|")
}

// Write lists the new cycles, then the new blocking edges, one per line.
func (d Diff) Write(w io.Writer) error {
	var b strings.Builder
	name := func(id string) string {
		if n := d.head.Node(id); n != nil {
			return n.Name
		}
		return id
	}
	for _, c := range d.NewCycles {
		names := make([]string, len(c.Nodes))
		for i, id := range c.Nodes {
			names[i] = name(id)
		}
		fmt.Fprintf(&b, "new %s cycle: %s -> %s\n", c.Kind, strings.Join(names, " -> "), names[0])
	}
	for _, e := range d.NewWaits {
		pos := ""
		if e.Pos != nil {
			pos = e.Pos.String() + ": "
		}
		fmt.Fprintf(&b, "new blocking edge: %s%s %s %s\n", pos, name(e.From), edgeLabel(e), name(e.To))
	}
	if d.Empty() {
		b.WriteString("no new cycles or blocking edges\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
