package hook

import (
	"cmp"
	"slices"
)

// cycles finds the deadlocks among the stuck chains. The graph has a node
// per stuck chain and per hub, an edge from a chain to each recorded
// partner and each hub it counts on, and from a hub to its stuck members.
// Every goroutine in a strongly connected component with at least two
// goroutines is deadlocked: a path through a hub never needs to come out
// where it went in, since the component has another goroutine to reach. A
// lone goroutine is deadlocked only when it holds what it waits for (a
// double lock) — not when it is a candidate of its own hub.
//
// For the reader it returns cycles through them: the shortest through the
// lowest goroutine not yet on one, and again, so that each deadlocked
// goroutine is on a printed cycle — up to maxCycles per component, for
// static partners may merge many instances of one deadlock into one.
func (d *deps) cycles() ([]Cycle, map[uint64]bool) {
	n := len(d.chains)
	hubNode := make(map[*hub]int)
	var hubs []*hub
	node := func(h *hub) int {
		k, ok := hubNode[h]
		if !ok {
			k = n + len(hubs)
			hubNode[h] = k
			hubs = append(hubs, h)
		}
		return k
	}
	var roots []int
	for i := range d.chains {
		if d.in[i] {
			roots = append(roots, i)
			for _, h := range d.hubsOf[i] {
				node(h)
			}
		}
	}
	next := func(v int, yield func(int)) {
		if v >= n {
			for _, p := range hubs[v-n].partners {
				if j, ok := d.idx[p.G]; ok && d.in[j] {
					yield(j)
				}
			}
			return
		}
		for _, j := range d.recorded(v) {
			yield(j)
		}
		for _, h := range d.hubsOf[v] {
			yield(hubNode[h])
		}
	}
	var cycles []Cycle
	dead := make(map[uint64]bool)
	for _, comp := range scc(roots, next) {
		var gs []int
		for _, v := range comp {
			if v < n {
				gs = append(gs, v)
			}
		}
		if len(gs) == 0 || len(gs) == 1 && !slices.Contains(d.recorded(gs[0]), gs[0]) {
			continue
		}
		in := make(map[int]bool, len(gs))
		for _, v := range gs {
			in[v] = true
			dead[d.chains[v].G.ID] = true
		}
		covered := make(map[int]bool)
		printed := 0
		for _, v := range gs {
			if covered[v] || printed == maxCycles {
				continue
			}
			printed++
			path := d.cyclePath(v, in)
			cy := Cycle{}
			for k, u := range path {
				covered[u] = true
				cy.Steps = append(cy.Steps, d.step(u, path[(k+1)%len(path)]))
			}
			cycles = append(cycles, cy)
		}
	}
	slices.SortFunc(cycles, func(a, b Cycle) int { return cmp.Compare(a.Steps[0].G, b.Steps[0].G) })
	return cycles, dead
}

// maxCycles bounds the cycles printed for one component.
const maxCycles = 16

// recorded are the stuck chains among chain i's recorded partners.
func (d *deps) recorded(i int) []int {
	var out []int
	for _, w := range d.chains[i].Waits {
		for _, p := range w.explicit {
			if j, ok := d.idx[p.G]; ok && !p.Gone && d.in[j] {
				out = append(out, j)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cyclePath is a shortest cycle from start back to itself within a
// component, by breadth-first search. A hub is expanded once, from the
// first goroutine that reaches it, which it does not lead back to; a later
// one can only add that first one.
func (d *deps) cyclePath(start int, in map[int]bool) []int {
	prev := map[int]int{}
	queue := []int{start}
	seen := map[int]bool{start: true}
	entry := make(map[*hub]int)
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		var succ []int
		for _, j := range d.recorded(v) {
			if in[j] {
				succ = append(succ, j)
			}
		}
		for _, h := range d.hubsOf[v] {
			first, done := entry[h]
			if done {
				if first != v {
					succ = append(succ, first)
				}
				continue
			}
			entry[h] = v
			for _, p := range h.partners {
				if j, ok := d.idx[p.G]; ok && j != v && in[j] {
					succ = append(succ, j)
				}
			}
		}
		for _, u := range succ {
			if u == start {
				path := []int{v}
				for v != start {
					v = prev[v]
					path = append(path, v)
				}
				slices.Reverse(path)
				return path
			}
			if !seen[u] {
				seen[u] = true
				prev[u] = v
				queue = append(queue, u)
			}
		}
	}
	return []int{start}
}

// step labels the hop from chain i to chain j.
func (d *deps) step(i, j int) Step {
	c, to := d.chains[i], d.chains[j].G.ID
	for _, w := range c.Waits {
		for _, p := range w.explicit {
			if p.G == to && !p.Gone {
				return Step{G: c.G.ID, Resource: w.Resource, Rel: p.Rel}
			}
		}
	}
	for _, w := range c.Waits {
		for _, h := range w.hubs {
			if k, ok := h.index[to]; ok {
				return Step{G: c.G.ID, Resource: w.Resource, Rel: h.partners[k].Rel}
			}
		}
	}
	return Step{G: c.G.ID}
}

// scc is Tarjan's algorithm, iterative, over the nodes reachable from
// roots; it returns the components, members sorted, in the order of their
// lowest member.
func scc(roots []int, next func(int, func(int))) [][]int {
	index := make(map[int]int)
	low := make(map[int]int)
	on := make(map[int]bool)
	var stack []int
	var out [][]int
	counter := 0
	type frame struct {
		v    int
		succ []int
		i    int
	}
	succ := func(v int) []int {
		var s []int
		next(v, func(u int) { s = append(s, u) })
		return s
	}
	visit := func(v int) frame {
		index[v], low[v] = counter, counter
		counter++
		stack = append(stack, v)
		on[v] = true
		return frame{v: v, succ: succ(v)}
	}
	for _, root := range roots {
		if _, ok := index[root]; ok {
			continue
		}
		work := []frame{visit(root)}
		for len(work) > 0 {
			top := &work[len(work)-1]
			if top.i < len(top.succ) {
				u := top.succ[top.i]
				top.i++
				if _, ok := index[u]; !ok {
					work = append(work, visit(u))
				} else if on[u] {
					low[top.v] = min(low[top.v], index[u])
				}
				continue
			}
			v := top.v
			work = work[:len(work)-1]
			if len(work) > 0 {
				p := work[len(work)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] == index[v] {
				var comp []int
				for {
					u := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					on[u] = false
					comp = append(comp, u)
					if u == v {
						break
					}
				}
				slices.Sort(comp)
				out = append(out, comp)
			}
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return out
}
