package hook

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/report"
)

// Static mode: the wait-for graph "awaitvet graph -format=json" wrote for
// the program's packages says, for each site that can block, which resource
// it waits on and which functions send on, close, unlock, count down or
// signal that resource. A dump says where each goroutine is. Put together,
// they say which live goroutines could still release a blocked one — and
// when none can, that it leaked.

// GraphEnv names the environment variable Install, Handler and Analyze read
// the static graph's path from when no WithGraph option is given.
const GraphEnv = "AWAITVET_GRAPH"

// LoadGraph reads a JSON wait-for graph from a file.
func LoadGraph(path string) (*report.Graph, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return report.ReadJSON(f)
}

// ParseGraph reads a JSON wait-for graph from bytes (a go:embed file).
func ParseGraph(data []byte) (*report.Graph, error) {
	return report.ReadJSON(bytes.NewReader(data))
}

// staticIndex is the graph indexed for the questions a dump asks.
type staticIndex struct {
	g        *report.Graph
	node     map[string]*report.Node
	waitsAt  map[int][]report.Edge    // waits-on edges by line
	out      map[string][]report.Edge // calls and spawns, by caller
	partners map[string][]report.Edge // resource → held-by, sent-by, closed-by, done-by, signalled-by
	waiters  map[string][]report.Edge // resource → waits-on edges into it
	byName   map[string]string        // runtime-style function name → node ID
	reach    map[string]map[string]bool
	ahead    map[string]bool   // memo of aheadOf
	ids      map[string]string // memo of funcID
}

func newStatic(g *report.Graph) *staticIndex {
	if g == nil {
		return nil
	}
	s := &staticIndex{
		g: g, node: make(map[string]*report.Node), waitsAt: make(map[int][]report.Edge),
		out: make(map[string][]report.Edge), partners: make(map[string][]report.Edge),
		waiters: make(map[string][]report.Edge), byName: make(map[string]string),
		reach: make(map[string]map[string]bool), ahead: make(map[string]bool), ids: make(map[string]string),
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		s.node[n.ID] = n
		if n.Kind != report.Func {
			continue
		}
		s.byName[strings.TrimPrefix(n.ID, "func:")] = n.ID
		// A main package's functions are "main.f" at run time but
		// "func:<import path>.f" in the graph; its Name is "main.f".
		if strings.HasPrefix(n.Name, "main.") {
			s.byName[n.Name] = n.ID
		}
	}
	for _, e := range g.Edges {
		switch e.Kind {
		case report.WaitsOn:
			if e.Pos != nil {
				s.waitsAt[e.Pos.Line] = append(s.waitsAt[e.Pos.Line], e)
			}
			s.waiters[e.To] = append(s.waiters[e.To], e)
		case report.Calls, report.Spawns:
			s.out[e.From] = append(s.out[e.From], e)
		case report.Order:
		default:
			s.partners[e.From] = append(s.partners[e.From], e)
		}
	}
	return s
}

// funcID maps a function name from a dump to the graph's node ID.
func (s *staticIndex) funcID(fn string) string {
	id, ok := s.ids[fn]
	if !ok {
		id = s.byName[staticName(fn)]
		s.ids[fn] = id
	}
	return id
}

// staticName rewrites a runtime function name the way the analyzer names
// functions: no "[...]" for type arguments, and nested closures
// "F.func1.2" spelled "F.func1.func2".
func staticName(fn string) string {
	fn = strings.ReplaceAll(fn, "[...]", "")
	pkg := funcPkg(fn)
	if pkg == "" || !strings.Contains(fn[len(pkg):], ".func") {
		return fn
	}
	parts := strings.Split(fn[len(pkg)+1:], ".")
	closure := false
	for i, p := range parts {
		if closure && p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = "func" + p
		}
		closure = closure || strings.HasPrefix(p, "func") && len(p) > 4 && strings.Trim(p[4:], "0123456789") == ""
	}
	return pkg + "." + strings.Join(parts, ".")
}

// sameFile compares a path from a dump with one from the graph, which the
// driver may have made relative to the module.
func sameFile(a, b string) bool {
	return a == b || strings.HasSuffix(a, "/"+b) || strings.HasSuffix(b, "/"+a)
}

// waitEdges returns the waits-on edges at a frame's position, those of the
// frame's own function first when the graph knows it. For a goroutine in
// a select, the runtime gives the line of the select keyword while the
// graph has one edge per case, at the case: the edges are those of the
// select's cases, found between the select and its closing brace when the
// source can be read, or else among the next lines.
func (s *staticIndex) waitEdges(f Frame, state string) []report.Edge {
	lines := []int{f.Line}
	if state == "select" {
		lines = s.selectLines(f)
	}
	var mine, others []report.Edge
	id := s.funcID(f.Func)
	for _, l := range lines {
		for _, e := range s.waitsAt[l] {
			if !sameFile(f.File, e.Pos.File) || (state == "select") != strings.HasSuffix(e.Label, "(select)") {
				continue
			}
			if e.From == id {
				mine = append(mine, e)
			} else {
				others = append(others, e)
			}
		}
	}
	if len(mine) > 0 {
		return mine
	}
	return others
}

// selectLines are the lines that may hold the cases of the select at f.
func (s *staticIndex) selectLines(f Frame) []int {
	var out []int
	if end := blockEnd(f.File, f.Line); end > f.Line {
		for l := f.Line; l <= end; l++ {
			out = append(out, l)
		}
		return out
	}
	// No source: cases are the select edges that follow the keyword,
	// no more than a few lines apart.
	const gap = 12
	last := f.Line
	for l := f.Line; l <= last+gap; l++ {
		for _, e := range s.waitsAt[l] {
			if sameFile(f.File, e.Pos.File) && strings.HasSuffix(e.Label, "(select)") {
				out = append(out, l)
				last = l
				break
			}
		}
	}
	return out
}

// resource describes the node an edge points to.
func (s *staticIndex) resource(id string) Resource {
	r := Resource{ID: id, Name: id}
	if n := s.node[id]; n != nil {
		r.Kind, r.Name, r.Pos = n.Kind, n.Name, n.Pos
	}
	if r.Pos == nil {
		r.Pos = madeAt(id)
	}
	return r
}

// madeAt reads the make site the analyzer puts in a local resource's ID:
// "chan:pkg.F#a:pkg.F@file.go:13:17".
func madeAt(id string) *report.Pos {
	i := strings.LastIndexByte(id, '@')
	if i < 0 {
		return nil
	}
	parts := strings.Split(id[i+1:], ":")
	if len(parts) < 2 {
		return nil
	}
	line, err := strconv.Atoi(parts[1])
	if err != nil {
		return nil
	}
	return &report.Pos{File: parts[0], Line: line}
}

// partnerFunc is a function that can release a resource, and how.
type partnerFunc struct {
	id   string
	rel  string // "sent by", "received by", ...
	kind report.EdgeKind
	pos  *report.Pos
}

// opOf is the operation of a waits-on edge, without the select marker.
func opOf(e report.Edge) string { return strings.TrimSuffix(e.Label, " (select)") }

// partnerFuncs lists the functions that release what the blocked
// operation e waits on. locks says the partners are lock holders, which
// the graph can only guess at (a function that locks may have unlocked).
func (s *staticIndex) partnerFuncs(e report.Edge) (pfs []partnerFunc, locks bool) {
	seen := make(map[string]bool)
	add := func(id, rel string, kind report.EdgeKind, pos *report.Pos) {
		if key := id + rel; !seen[key] {
			seen[key] = true
			pfs = append(pfs, partnerFunc{id, rel, kind, pos})
		}
	}
	// Which partner edges release which operation (docs/graph-schema.md).
	var kinds []report.EdgeKind
	switch opOf(e) {
	case "send":
		kinds = []report.EdgeKind{report.RecvBy}
		// Graphs written before received-by edges existed: the
		// receivers are the waits-on edges that receive.
		for _, w := range s.waiters[e.To] {
			if o := opOf(w); o == "recv" || o == "range" {
				add(w.From, relOf(report.RecvBy), report.RecvBy, w.Pos)
			}
		}
	case "recv", "range":
		kinds = []report.EdgeKind{report.SentBy, report.ClosedBy}
	case "lock", "rlock", "once":
		kinds, locks = []report.EdgeKind{report.HeldBy}, true
	case "wait":
		kinds = []report.EdgeKind{report.DoneBy, report.Signals}
	}
	for _, p := range s.partners[e.To] {
		if kinds == nil || slices.Contains(kinds, p.Kind) {
			add(p.To, relOf(p.Kind), p.Kind, p.Pos)
		}
	}
	return pfs, locks
}

func relOf(k report.EdgeKind) string {
	switch k {
	case report.HeldBy:
		return "may be held by"
	case report.SentBy:
		return "sent on by"
	case report.ClosedBy:
		return "closed by"
	case report.DoneBy:
		return "counted down by"
	case report.Signals:
		return "signalled by"
	case report.RecvBy:
		return "received by"
	}
	return string(k) + " by"
}

// reaches reports whether function from can call or start to, through any
// number of calls and go statements.
func (s *staticIndex) reaches(from, to string) bool {
	set, ok := s.reach[from]
	if !ok {
		set = make(map[string]bool)
		stack := []string{from}
		for len(stack) > 0 {
			id := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, e := range s.out[id] {
				if !set[e.To] {
					set[e.To] = true
					stack = append(stack, e.To)
				}
			}
		}
		s.reach[from] = set
	}
	return set[to]
}

// aheadOf reports whether a goroutine whose frame f is in function fid
// can still get to function p: it is in p, or p is reachable through a
// call or go statement at or after the line the frame is at. Calls before
// that line are behind it — unless a loop brings it back there, which the
// graph does not say: a blind spot, see docs/hook.md.
func (s *staticIndex) aheadOf(fid string, line int, p string) bool {
	if fid == p {
		return true
	}
	key := fmt.Sprintf("%s\x00%d\x00%s", fid, line, p)
	if v, ok := s.ahead[key]; ok {
		return v
	}
	v := false
	for _, e := range s.out[fid] {
		if e.Pos != nil && e.Pos.Line < line {
			continue
		}
		if e.To == p || s.reaches(e.To, p) {
			v = true
			break
		}
	}
	s.ahead[key] = v
	return v
}
