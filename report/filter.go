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
// the resources those findings wait on, hold or leave unfed, and the
// edges among them. A finding's resource is the one at the other end of
// an edge placed at one of its positions (the finding's own, or a hop of
// its chain): the receive a leak blocks on, the lock left held, the
// channel nothing closes; the function at this edge's end stays too.
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
	at := g.findingPositions()
	for _, e := range g.Edges {
		if e.Pos == nil || !at[*e.Pos] {
			continue
		}
		from, to := g.Node(e.From), g.Node(e.To)
		if from != nil && to != nil && from.Kind.IsResource() != to.Kind.IsResource() {
			keep[e.From], keep[e.To] = true, true
		}
	}
	g.keep(keep)
}

// findingPositions returns the positions of the findings and of the hops
// of their chains.
func (g *Graph) findingPositions() map[Pos]bool {
	at := make(map[Pos]bool)
	for _, f := range g.Findings {
		at[f.Pos] = true
		for _, h := range f.Chain {
			at[h.Pos] = true
		}
	}
	return at
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

// DropIsolated removes the nodes no edge touches: a function with nothing
// to show, or a resource nobody waits on, holds or feeds in what was
// drawn. Such a node says nothing a reader can follow.
func (g *Graph) DropIsolated() {
	linked := make(map[string]bool, len(g.Nodes))
	for _, e := range g.Edges {
		linked[e.From] = true
		linked[e.To] = true
	}
	if len(linked) == len(g.Nodes) {
		return
	}
	g.keep(linked)
}

// TrimDependencies keeps of the packages not drawn (those not in
// g.Packages: the standard library, other modules, packages of this module
// not asked for) only what a chain of the drawn packages passes through.
// The producer has already collapsed such a chain to its entry call (the
// dependency function a drawn one calls) and the resource at its end.
//
// A resource stays when it is a drawn package's, when a drawn function
// touches it directly, when it is on a cycle, or when a finding's chain
// ends at it (a double lock through a dependency's Acquire). The other
// resources of dependencies go: io's pipe, net's and internal/poll's
// locks, net/http's Onces. They are resolved by class and through
// interface calls to every implementation, so drawn for a module they link
// unrelated calls, and their waits are the dependency's own (draw the
// dependency to see them). Then the entry calls left reaching no resource,
// the nodes left without an edge and the held locks no longer drawn go
// too. A graph that lists no Packages is left as it is.
func (g *Graph) TrimDependencies() {
	if len(g.Packages) == 0 {
		return
	}
	drawn := make(map[string]bool, len(g.Packages))
	for _, p := range g.Packages {
		drawn[p] = true
	}
	dep := make(map[string]bool) // IDs of the nodes of dependencies
	for _, n := range g.Nodes {
		if n.Package != "" && !drawn[n.Package] {
			dep[n.ID] = true
		}
	}
	if len(dep) == 0 {
		return
	}
	keep := make(map[string]bool, len(g.Nodes))
	for _, c := range g.Cycles {
		for _, id := range c.Nodes {
			keep[id] = true
		}
	}
	for _, n := range g.Nodes {
		if !dep[n.ID] {
			keep[n.ID] = true
		}
	}
	// A dependency's resource stays when a drawn function is at the other
	// end of one of its edges, or when that edge is placed at a finding's
	// position (a chain of the drawn code that a finding reports, as a
	// double lock through a dependency's Acquire); then a dependency's
	// function (an entry call) stays when it reaches a resource kept.
	type link struct {
		fn, res string
		finding bool // placed at a finding's position
	}
	at := g.findingPositions()
	var links []link // the edges between a function and a resource
	for _, e := range g.Edges {
		from, to := g.Node(e.From), g.Node(e.To)
		finding := e.Pos != nil && at[*e.Pos]
		switch {
		case from == nil || to == nil || from.Kind.IsResource() == to.Kind.IsResource():
		case from.Kind.IsResource():
			links = append(links, link{e.To, e.From, finding})
		default:
			links = append(links, link{e.From, e.To, finding})
		}
	}
	for _, l := range links {
		if dep[l.res] && (!dep[l.fn] || l.finding) {
			keep[l.res] = true
		}
	}
	for _, l := range links {
		if dep[l.fn] && keep[l.res] {
			keep[l.fn] = true
		}
	}
	g.keep(keep)
	for i := range g.Edges {
		g.Edges[i].Held = slices.DeleteFunc(g.Edges[i].Held, func(id string) bool { return !keep[id] })
		if len(g.Edges[i].Held) == 0 {
			g.Edges[i].Held = nil
		}
	}
	g.DropIsolated()
}
