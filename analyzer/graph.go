package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"github.com/awaitvet/awaitvet/report"
	"golang.org/x/tools/go/ssa"
)

// WantGraph, when set, tells the pass whether to build the wait-for graph
// of the package with the given import path into Result.Graph. Drivers that
// draw the graph set it for the packages they were asked about; it is nil by
// default because the standalone driver keeps every result to the end.
var WantGraph func(pkgPath string) bool

// graphBuilder turns the package's summaries into a report.Graph: a node
// per function that waits on, holds or feeds something (directly or through
// what it calls), a node per resource its operations resolve to, and the
// edges between them.
type graphBuilder struct {
	ps     *passState
	g      *report.Graph
	byName map[string]string // function display name → node ID, for chains
	local  map[string]bool   // IDs of this package's functions

	// Dependencies (packages not drawn) are shown only where a chain of
	// this package passes through them, collapsed to the entry call (the
	// dependency function this package calls) and the resource waited on,
	// fed or held at the chain's end. deps maps the display name of each
	// dependency function called here to it; depCalls holds the call edges
	// to it, added once a chain through it reaches a resource.
	deps     map[string]*ssa.Function
	depCalls map[string][]report.Edge

	reach map[*ssa.Function]bool // see reaching (graphreach.go)
}

func (ps *passState) buildGraph() *report.Graph {
	b := &graphBuilder{ps: ps, g: report.New(), byName: make(map[string]string), local: make(map[string]bool),
		deps: make(map[string]*ssa.Function), depCalls: make(map[string][]report.Edge)}
	b.g.Packages = []string{ps.pkgPath}
	for _, fn := range ps.graph.Funcs() {
		if b.shows(fn) && fn.Synthetic == "" {
			b.local[b.funcNode(fn)] = true
		}
	}
	for _, fn := range ps.graph.Funcs() {
		sum := ps.sums[fn]
		if !b.shows(fn) || fn.Synthetic != "" {
			continue
		}
		b.calls(fn)
		if sum != nil {
			b.operations(fn, sum)
		}
	}
	b.lockOrder()
	b.findings()
	b.g.DropIsolated()
	b.g.Normalize()
	return b.g
}

// drawn reports whether fn's package has a graph of its own in this
// drawing: this package, and the others the driver asked for. The rest
// are dependencies.
func (b *graphBuilder) drawn(fn *ssa.Function) bool {
	pkg := funcPkg(fn)
	if pkg == nil {
		return true // a wrapper of no package: drawn where it is used
	}
	return pkg.Path() == b.ps.pkgPath || WantGraph != nil && WantGraph(pkg.Path())
}

// funcID is a function's stable node ID: "func:" and its package path and
// name within the package.
func funcID(fn *ssa.Function) string {
	name := funcName(fn)
	if pkg := funcPkg(fn); pkg != nil {
		return "func:" + pkg.Path() + "." + strings.TrimPrefix(name, pkg.Name()+".")
	}
	return "func:" + name
}

func (b *graphBuilder) funcNode(fn *ssa.Function) string {
	id := funcID(fn)
	n := report.Node{ID: id, Kind: report.Func, Name: b.ps.name(fn)}
	if pkg := funcPkg(fn); pkg != nil {
		n.Package = pkg.Path()
	}
	if fn.Pos().IsValid() {
		n.Pos = b.pos(b.ps.pass.Fset.Position(fn.Pos()))
	}
	// Exported functions are roots for their callers in other packages.
	if obj := fn.Object(); obj != nil && obj.Pkg() == b.ps.pass.Pkg && ast.IsExported(obj.Name()) && fn.Parent() == nil {
		n.Root = true
	}
	b.g.AddNode(n)
	b.byName[n.Name] = id
	return id
}

func (b *graphBuilder) pos(p token.Position) *report.Pos {
	if !p.IsValid() {
		return nil
	}
	return &report.Pos{File: p.Filename, Line: p.Line, Col: p.Column}
}

// calls adds the call and spawn edges to callees that do something the
// graph shows (a non-empty summary).
func (b *graphBuilder) calls(fn *ssa.Function) {
	from := funcID(fn)
	var r *resolver
	for _, site := range b.ps.graph.Sites(fn) {
		kind := report.Calls
		callees := site.Callees
		switch {
		case site.Kind == callgraph.Go:
			kind = report.Spawns
		case spawnerSite(site):
			kind, callees = report.Spawns, site.FuncArgs[1]
		}
		for _, c := range callees {
			if !b.shows(c) || c.Synthetic != "" && c.Object() == nil {
				continue // nothing to show, or a wrapper
			}
			if name, _ := calleeName(site.Instr.Common()); kind == report.Calls && syncAPI[name].op != 0 {
				continue // a lock or channel operation: its own edge shows it
			}
			p := b.pos(b.ps.pass.Fset.Position(site.Instr.Pos()))
			if !b.drawn(c) {
				// A dependency: drawn only if a chain through it reaches
				// a resource (see op).
				to := funcID(c)
				b.deps[b.ps.name(c)] = c
				b.depCalls[to] = append(b.depCalls[to], report.Edge{From: from, To: to, Kind: kind, Pos: p})
				continue
			}
			to := b.funcNode(c)
			if kind == report.Spawns {
				b.g.AddNode(report.Node{ID: to, Root: true})
			}
			b.g.AddEdge(report.Edge{From: from, To: to, Kind: kind, Pos: p})
			// WaitGroup.Go and errgroup.Go count the goroutine down when
			// its function returns: the group is done by that function.
			if kind == report.Spawns && site.Kind != callgraph.Go {
				if r == nil {
					r = newResolver(fn, b.ps.pass.Fset)
				}
				if wg := b.resource(fn, r.resolve(site.Args()[0]), report.WaitGroup); wg != "" {
					b.g.AddEdge(report.Edge{From: wg, To: to, Kind: report.DoneBy, Pos: p})
				}
			}
		}
	}
}

// spawnerSite reports whether the call starts its function argument in a
// goroutine (errgroup.Group.Go, WaitGroup.Go and the like).
func spawnerSite(site *callgraph.Site) bool {
	if len(site.FuncArgs[1]) == 0 {
		return false
	}
	name, _ := calleeName(site.Instr.Common())
	return spawners[name] || syncAPI[name].op == OpWGGo
}

// operations adds, for every operation of fn's summary whose resource is
// known here, the edge from the function that performs it (the last hop of
// its chain) to the resource, and the partner edge back.
func (b *graphBuilder) operations(fn *ssa.Function, sum *Summary) {
	for _, a := range sum.Acquires {
		kind := report.Mutex
		label := "lock"
		switch a.Mode {
		case Read:
			kind, label = report.RWMutex, "rlock"
		case Once:
			kind, label = report.Once, "once"
		}
		b.op(fn, a.Ref, kind, label, a.Chain, nil, report.HeldBy)
	}
	ops := append([]ChanOp(nil), sum.Chans...)
	for _, s := range sum.Spawns {
		ops = append(ops, s.Ops...)
	}
	for _, c := range ops {
		kind, label, partner := chanOpEdge(c)
		if kind == "" {
			continue
		}
		b.op(fn, c.Ref, kind, label, c.Chain, c.Held, partner)
	}
}

// chanOpEdge says what an operation looks like in the graph: the resource
// kind, the label of a waits-on edge (empty when it does not wait), and the
// partner edge it adds from the resource (empty when none).
func chanOpEdge(c ChanOp) (report.NodeKind, string, report.EdgeKind) {
	wait := func(l string) string {
		if c.NonBlocking {
			return ""
		}
		if c.Alt {
			return l + " (select)"
		}
		return l
	}
	switch c.Kind {
	case OpSend:
		return report.Chan, wait("send"), report.SentBy
	case OpRecv:
		if c.Drain {
			return report.Chan, wait("range"), report.RecvBy
		}
		return report.Chan, wait("recv"), report.RecvBy
	case OpClose:
		return report.Chan, "", report.ClosedBy
	case OpWGWait:
		return report.WaitGroup, "wait", ""
	case OpWGDone:
		return report.WaitGroup, "", report.DoneBy
	case OpCondWait:
		return report.Cond, "wait", ""
	case OpCondSignal, OpCondBroadcast:
		return report.Cond, "", report.Signals
	}
	return "", "", ""
}

func (b *graphBuilder) op(fn *ssa.Function, r Ref, kind report.NodeKind, label string, chain Chain, held []Ref, partner report.EdgeKind) {
	doer, at := b.doer(chain)
	if doer == "" {
		return
	}
	res := b.resource(fn, r, kind)
	if res == "" {
		return
	}
	p := &report.Pos{File: at.Pos.Filename, Line: at.Pos.Line, Col: at.Pos.Column}
	if label != "" {
		var hs []string
		for _, h := range held {
			if id := b.resource(fn, h, report.Mutex); id != "" {
				hs = append(hs, id)
			}
		}
		b.g.AddEdge(report.Edge{From: doer, To: res, Kind: report.WaitsOn, Label: label, Held: hs, Pos: p})
	}
	if partner != "" {
		b.g.AddEdge(report.Edge{From: res, To: doer, Kind: partner, Pos: p})
	}
}

// doer returns the node the edges of an operation reached by chain start
// or end at, and the hop they are placed at: the function that performs it
// when that is in this package; when it is performed in a dependency, the
// dependency function this package's part of the chain calls (the entry
// call; its call edges are added with it), placed at that call; "" when
// the chain goes into another package drawn, whose own graph shows it.
func (b *graphBuilder) doer(chain Chain) (string, Hop) {
	if len(chain) == 0 {
		return "", Hop{}
	}
	last := chain[len(chain)-1]
	if id, ok := b.byName[last.Func]; ok && b.local[id] {
		return id, last // performed here (maybe in a callback a dependency calls)
	}
	for k, h := range chain {
		if id, ok := b.byName[h.Func]; ok && b.local[id] {
			continue
		}
		entry, ok := b.deps[h.Func]
		if !ok || k == 0 {
			return "", Hop{} // another package drawn, or a chain cut short
		}
		id := b.funcNode(entry)
		if calls, ok := b.depCalls[id]; ok {
			for _, e := range calls {
				if e.Kind == report.Spawns {
					b.g.AddNode(report.Node{ID: id, Root: true})
				}
				b.g.AddEdge(e)
			}
			delete(b.depCalls, id)
		}
		return id, chain[k-1]
	}
	return "", Hop{}
}

// resource returns the node ID of what r names, seen from fn, adding the
// node; "" when r is a parameter or captured variable this function cannot
// resolve (its callers' graphs show it), or nothing nameable.
func (b *graphBuilder) resource(fn *ssa.Function, r Ref, kind report.NodeKind) string {
	var id string
	switch {
	case r.Class.known() && !r.Class.local():
		id = r.Class.Key // a field or global: the same in every function
	case r.rewritable():
		return ""
	case r.Base == BaseAlloc || r.Base == BaseGlobal:
		id = strings.TrimPrefix(funcID(fn), "func:") + "#" + r.key()
	default:
		return ""
	}
	id = string(kind) + ":" + id
	if kind == report.RWMutex {
		id = string(report.Mutex) + ":" + strings.TrimPrefix(id, string(kind)+":")
	}
	n := report.Node{ID: id, Kind: kind, Name: r.show("")}
	if !r.Class.known() || r.Class.local() {
		n.Name += " (" + b.ps.name(fn) + ")" // a local: whose
	}
	if r.Class.Pkg != "" {
		n.Package = r.Class.Pkg
	} else {
		n.Package = b.ps.pkgPath
	}
	b.g.AddNode(n)
	return id
}

// lockOrder adds the lock-order edges found in this package, and the
// cycles reported.
func (b *graphBuilder) lockOrder() {
	for _, e := range b.ps.edges {
		if !e.From.Class.known() || !e.To.Class.known() || e.From.Class.local() || e.To.Class.local() {
			continue
		}
		from, to := "mutex:"+e.From.Class.Key, "mutex:"+e.To.Class.Key
		b.g.AddNode(report.Node{ID: from, Kind: report.Mutex, Name: e.From.show(""), Package: e.From.Class.Pkg})
		b.g.AddNode(report.Node{ID: to, Kind: report.Mutex, Name: e.To.show(""), Package: e.To.Class.Pkg})
		b.g.AddEdge(report.Edge{From: from, To: to, Kind: report.Order, Label: "then", Pos: &report.Pos{File: e.Pos.Filename, Line: e.Pos.Line, Col: e.Pos.Column}})
	}
}

// findings copies the reported findings, marks the functions on their
// chains, and records the lock-order cycles behind them.
func (b *graphBuilder) findings() {
	for _, f := range b.ps.emitted {
		rf := report.Finding{Check: f.check.Name, Message: f.message, Pos: *b.pos(b.ps.pass.Fset.Position(f.pos))}
		for i, h := range f.hops {
			if i > 0 && h == f.hops[i-1] {
				continue // two chains meeting at the same go statement
			}
			rf.Chain = append(rf.Chain, report.Hop{Pos: report.Pos{File: h.Pos.Filename, Line: h.Pos.Line, Col: h.Pos.Column}, Func: h.Func, What: h.What})
			if id, ok := b.byName[h.Func]; ok {
				b.g.AddNode(report.Node{ID: id, Finding: true})
			}
		}
		b.g.Findings = append(b.g.Findings, rf)
		if nodes := b.waitCycle(f.waits); nodes != nil {
			b.g.Cycles = append(b.g.Cycles, report.Cycle{Kind: "communication", Nodes: nodes, Finding: len(b.g.Findings) - 1})
		}
		if len(f.cycle) > 0 {
			nodes := make([]string, len(f.cycle))
			for i, k := range f.cycle {
				nodes[i] = "mutex:" + k
			}
			b.g.Cycles = append(b.g.Cycles, report.Cycle{Kind: "lock-order", Nodes: nodes, Finding: len(b.g.Findings) - 1})
		}
	}
}

// waitCycle resolves a communication cycle's steps to node IDs; nil when
// one of them is not in this package's graph.
func (b *graphBuilder) waitCycle(steps []cycleStep) []string {
	if len(steps) == 0 {
		return nil
	}
	nodes := make([]string, 0, len(steps))
	for _, s := range steps {
		var id string
		if s.kind == "" {
			id = b.byName[s.fn]
		} else {
			id = b.resource(s.owner, s.ref, report.NodeKind(s.kind))
		}
		if id == "" {
			return nil
		}
		nodes = append(nodes, id)
	}
	// A goroutine's acquisition of a lock captured from its parent is not
	// in any summary the graph is drawn from; the check saw it (the partner
	// takes the lock), so the cycle's lock edges are added here.
	has := make(map[[2]string]bool, len(b.g.Edges))
	for _, e := range b.g.Edges {
		has[[2]string{e.From, e.To}] = true
	}
	for i, from := range nodes {
		to := nodes[(i+1)%len(nodes)]
		switch {
		case has[[2]string{from, to}]:
		case steps[i].kind == "" && steps[(i+1)%len(steps)].kind == "mutex":
			b.g.AddEdge(report.Edge{From: from, To: to, Kind: report.WaitsOn, Label: "lock"})
		case steps[i].kind == "mutex" && steps[(i+1)%len(steps)].kind == "":
			b.g.AddEdge(report.Edge{From: from, To: to, Kind: report.HeldBy})
		}
	}
	return nodes
}
