package hook

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/report"
)

// Graph returns the live wait-for graph in awaitvet's model, so that it
// renders like the static one: a node per goroutine involved (kind
// goroutine, ID "goroutine:N"), a node per resource waited on (the static
// graph's ID when known), a waits-on edge from each blocked goroutine to
// what it waits on, at the blocking line, and an edge from each resource to
// the goroutines that hold it or could release it. Deadlocks are the
// graph's cycles ("deadlock" kind) and every stuck, leaked or deadlocked
// chain is a finding. Folded chains are one node, "(and N like it)".
func (r *Report) Graph() *report.Graph {
	g := report.New()
	g.Notes = append(g.Notes, r.Notes...)
	gnode := func(id uint64, c *Chain) string {
		// The kind says "goroutine"; the name is its ID and where it is.
		n := report.Node{ID: goroutineID(id), Kind: report.Goroutine, Name: fmt.Sprint(id)}
		if c != nil {
			if len(c.Frames) > 0 {
				inner := c.Frames[len(c.Frames)-1]
				n.Name += " " + shortFunc(inner.Func)
				n.Pos = pos(inner.Pos())
			}
			if len(c.Same) > 0 {
				n.Name += fmt.Sprintf(" (and %d like it)", len(c.Same))
			}
			n.Finding = c.Verdict.Problem()
		}
		g.AddNode(n)
		return n.ID
	}
	for _, c := range r.Chains {
		gnode(c.G.ID, c)
	}
	for _, c := range r.Chains {
		from := goroutineID(c.G.ID)
		for _, w := range c.Waits {
			kind := w.Resource.Kind
			if kind == "" {
				kind = report.NodeKind("unknown")
			}
			g.AddNode(report.Node{ID: w.Resource.ID, Kind: kind, Name: w.Resource.Name, Pos: w.Resource.Pos})
			e := report.Edge{From: from, To: w.Resource.ID, Kind: report.WaitsOn, Label: w.Op}
			if len(c.Frames) > 0 {
				e.Pos = pos(c.Frames[len(c.Frames)-1].Pos())
			}
			g.AddEdge(e)
			for _, p := range w.Partners {
				to := gnode(p.G, nil)
				g.AddEdge(report.Edge{From: w.Resource.ID, To: to, Kind: p.Kind, Label: p.Rel, Pos: pos(p.Site)})
			}
		}
		if c.Verdict.Problem() {
			g.Findings = append(g.Findings, finding(c))
		}
	}
	for _, cy := range r.Cycles {
		var nodes []string
		for _, s := range cy.Steps {
			nodes = append(nodes, goroutineID(s.G))
			if s.Resource.ID != "" {
				nodes = append(nodes, s.Resource.ID)
			}
		}
		g.Cycles = append(g.Cycles, report.Cycle{Kind: "deadlock", Nodes: nodes, Finding: -1})
	}
	g.Normalize()
	return g
}

// WriteDOT writes the live graph in Graphviz's language (report.WriteDOT).
func (r *Report) WriteDOT(w io.Writer) error { return report.WriteDOT(w, r.Graph()) }

// WriteJSON writes the live graph as JSON (report.WriteJSON), in the
// schema of "awaitvet graph -format=json".
func (r *Report) WriteJSON(w io.Writer) error { return report.WriteJSON(w, r.Graph()) }

func goroutineID(id uint64) string { return "goroutine:" + strconv.FormatUint(id, 10) }

// finding turns a problem chain into a report finding whose hops are the
// goroutine's frames, root first.
func finding(c *Chain) report.Finding {
	f := report.Finding{Check: c.Verdict.String(), Message: fmt.Sprintf("goroutine %d [%s]: %s", c.G.ID, stateText(c.G), c.Why)}
	for i, fr := range c.Frames {
		what := "calls " + shortFunc(nextFunc(c, i))
		if i == len(c.Frames)-1 {
			what = "blocks in " + opText(c)
			if len(c.Waits) > 0 {
				what += " on " + c.Waits[0].Resource.String()
			}
		}
		p := pos(fr.Pos())
		if p == nil {
			p = &report.Pos{}
		}
		f.Chain = append(f.Chain, report.Hop{Pos: *p, Func: shortFunc(fr.Func), What: what})
	}
	if n := len(f.Chain); n > 0 {
		f.Pos = f.Chain[n-1].Pos
	}
	return f
}

func nextFunc(c *Chain, i int) string {
	if i+1 < len(c.Frames) {
		return c.Frames[i+1].Func
	}
	return c.Call
}

// pos parses "file:line"; nil when there is no line.
func pos(s string) *report.Pos {
	i := strings.LastIndexByte(s, ':')
	if i <= 0 {
		return nil
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n <= 0 {
		return nil
	}
	return &report.Pos{File: s[:i], Line: n}
}
