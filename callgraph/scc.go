package callgraph

import "golang.org/x/tools/go/ssa"

// successors returns the functions in the graph that fn's summary depends on:
// its callees at every site (calls, go, defer) and the functions it passes as
// arguments (a callee may call them while holding its own locks).
func (g *Graph) successors(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, s := range g.sites[fn] {
		for _, c := range s.Callees {
			if g.inGraph[c] {
				out = appendNew(out, c)
			}
		}
		for i := 0; i < len(s.Args()); i++ {
			for _, c := range s.FuncArgs[i] {
				if g.inGraph[c] {
					out = appendNew(out, c)
				}
			}
		}
	}
	return out
}

// BottomUp returns the graph's strongly connected components, callees before
// callers (Tarjan's algorithm emits them in that order). Each component is a
// single function unless functions call each other recursively.
func (g *Graph) BottomUp() [][]*ssa.Function {
	t := &tarjan{g: g, index: make(map[*ssa.Function]int), low: make(map[*ssa.Function]int), on: make(map[*ssa.Function]bool)}
	for _, fn := range g.funcs {
		if _, ok := t.index[fn]; !ok {
			t.visit(fn)
		}
	}
	return t.sccs
}

type tarjan struct {
	g     *Graph
	next  int
	index map[*ssa.Function]int
	low   map[*ssa.Function]int
	on    map[*ssa.Function]bool
	stack []*ssa.Function
	sccs  [][]*ssa.Function
}

func (t *tarjan) visit(fn *ssa.Function) {
	t.index[fn], t.low[fn] = t.next, t.next
	t.next++
	t.stack = append(t.stack, fn)
	t.on[fn] = true
	for _, s := range t.g.successors(fn) {
		if _, ok := t.index[s]; !ok {
			t.visit(s)
			t.low[fn] = min(t.low[fn], t.low[s])
		} else if t.on[s] {
			t.low[fn] = min(t.low[fn], t.index[s])
		}
	}
	if t.low[fn] != t.index[fn] {
		return
	}
	var scc []*ssa.Function
	for {
		n := len(t.stack) - 1
		top := t.stack[n]
		t.stack = t.stack[:n]
		t.on[top] = false
		scc = append(scc, top)
		if top == fn {
			break
		}
	}
	SortFuncs(t.g.pkg.Prog.Fset, scc)
	t.sccs = append(t.sccs, scc)
}

// Recursive reports whether fn can call itself (directly or through its component).
func (g *Graph) Recursive(scc []*ssa.Function) bool {
	if len(scc) > 1 {
		return true
	}
	for _, s := range g.successors(scc[0]) {
		if s == scc[0] {
			return true
		}
	}
	return false
}
