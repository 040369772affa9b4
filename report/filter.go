package report

import (
	"cmp"
	"fmt"
	"slices"
)

// Focus keeps what reaches, or is reached from, the nodes named by name
// (see Match), along any edge. It reports false when nothing matches.
func (g *Graph) Focus(name string) bool {
	start := g.Match(name)
	if len(start) == 0 {
		return false
	}
	fwd, back := make(map[string][]string), make(map[string][]string)
	for _, e := range g.Edges {
		fwd[e.From] = append(fwd[e.From], e.To)
		back[e.To] = append(back[e.To], e.From)
	}
	keep := reach(start, fwd)
	for id := range reach(start, back) {
		keep[id] = true
	}
	g.keep(keep)
	return true
}

func reach(start []string, next map[string][]string) map[string]bool {
	seen := make(map[string]bool)
	stack := append([]string(nil), start...)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		stack = append(stack, next[id]...)
	}
	return seen
}

// FindingsOnly keeps the nodes on the chains behind findings and cycles,
// and the edges among them.
func (g *Graph) FindingsOnly() {
	keep := make(map[string]bool)
	for _, n := range g.Nodes {
		if n.Finding {
			keep[n.ID] = true
		}
	}
	for _, c := range g.Cycles {
		for _, id := range c.Nodes {
			keep[id] = true
		}
	}
	g.keep(keep)
}

// Cap keeps at most max nodes — those on findings and cycles first, then
// goroutine roots, then the most connected — and notes the cut, so that a
// monorepo still yields a graph a person can open.
func (g *Graph) Cap(max int) {
	if max <= 0 || len(g.Nodes) <= max {
		return
	}
	inCycle := make(map[string]bool)
	for _, c := range g.Cycles {
		for _, id := range c.Nodes {
			inCycle[id] = true
		}
	}
	degree := make(map[string]int)
	for _, e := range g.Edges {
		degree[e.From]++
		degree[e.To]++
	}
	rank := func(n Node) int {
		switch {
		case inCycle[n.ID]:
			return 0
		case n.Finding:
			return 1
		case n.Root:
			return 2
		}
		return 3
	}
	nodes := slices.Clone(g.Nodes)
	slices.SortStableFunc(nodes, func(a, b Node) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(degree[b.ID], degree[a.ID]), cmp.Compare(a.ID, b.ID))
	})
	keep := make(map[string]bool, max)
	for _, n := range nodes[:max] {
		keep[n.ID] = true
	}
	total := len(g.Nodes)
	g.keep(keep)
	g.Notes = append(g.Notes, fmt.Sprintf("graph cut to %d of %d nodes (findings and cycles first, then goroutine roots, then the most connected); use -focus or -max-nodes to see more", max, total))
}

// keep drops the nodes not in ids, the edges that lose an end, and the
// cycles that lose a node.
func (g *Graph) keep(ids map[string]bool) {
	g.Nodes = slices.DeleteFunc(g.Nodes, func(n Node) bool { return !ids[n.ID] })
	g.Edges = slices.DeleteFunc(g.Edges, func(e Edge) bool { return !ids[e.From] || !ids[e.To] })
	g.Cycles = slices.DeleteFunc(g.Cycles, func(c Cycle) bool { return !all(c.Nodes, ids) })
}
