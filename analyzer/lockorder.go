package analyzer

import (
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// maxCycleLen bounds the cycles searched for. Two- and three-lock cycles are
// the ones real programs have; longer ones are rare and hard to act on.
const maxCycleLen = 3

// bestPerClassPair keeps one witness edge per ordered pair of lock classes.
// Its Wraps says whether every edge of the pair does (see allWrap); it is a
// guess only when every edge of the pair is (betterEdge ranks the others
// first).
func bestPerClassPair(edges []Edge) []Edge {
	best := make(map[string]Edge)
	unwrapped := make(map[string]bool)
	for _, e := range edges {
		k := e.From.Class.Key + ">" + e.To.Class.Key
		if b, ok := best[k]; !ok || betterEdge(e, b) {
			best[k] = e
		}
		unwrapped[k] = unwrapped[k] || !e.Wraps
	}
	for k, e := range best {
		e.Wraps = !unwrapped[k]
		best[k] = e
	}
	return sortedValues(best, len(best))
}

// lockOrder is the lock-order graph: this package's edges and those its
// dependencies export, between classes.
type lockOrder struct {
	succ map[string]map[string]Edge
	own  map[string]bool // "from>to" of edges found in this package
	// unwrapped marks the pairs ("from>to") with an edge that does not
	// go into a wrapped value (see allWrap).
	unwrapped map[string]bool
	// proven marks the pairs with an edge that is no guess (Edge.Guess).
	proven map[string]bool
}

func (ps *passState) lockOrderCycles() {
	lo := &lockOrder{succ: make(map[string]map[string]Edge), own: make(map[string]bool), unwrapped: make(map[string]bool), proven: make(map[string]bool)}
	var imported []Edge
	facts := ps.pass.AllPackageFacts() // in a map's order: sorted by path
	slices.SortStableFunc(facts, func(a, b analysis.PackageFact) int { return strings.Compare(a.Package.Path(), b.Package.Path()) })
	for _, pf := range facts {
		if f, ok := pf.Fact.(*PackageFact); ok && pf.Package != ps.pass.Pkg {
			for _, e := range f.Edges {
				if selfEdge(e) {
					imported = append(imported, e)
					continue
				}
				lo.add(e, false)
			}
		}
	}
	for _, e := range ps.edges {
		if !selfEdge(e) {
			lo.add(e, true)
		}
	}
	ps.stripeCycles(lo, imported)
	ps.instanceCycles()
	reported := make(map[string]bool)
	for _, e := range ps.edges { // sorted by class pair: deterministic
		if selfEdge(e) {
			continue
		}
		for _, cyc := range lo.cyclesThrough(e) {
			k := cycleKey(cyc)
			if reported[k] || lo.serialised(cyc) || lo.allWrap(cyc) {
				continue
			}
			reported[k] = true
			ps.reportCycle(lo, cyc)
		}
	}
}

// witnessed reports whether every edge of the cycle has a witness that is no
// guess: an order taken through an interface call that class-hierarchy
// analysis resolved (Edge.Guess) may never be taken, since a value of the
// interface may always be of another type, so a claim that two goroutines
// deadlock on it is not one the model can back; the cycle is lockorder's.
func (lo *lockOrder) witnessed(cyc []Edge) bool {
	for _, e := range cyc {
		if !lo.proven[e.From.Class.Key+">"+e.To.Class.Key] {
			return false
		}
	}
	return true
}

func (lo *lockOrder) add(e Edge, own bool) {
	from, to := e.From.Class.Key, e.To.Class.Key
	if !e.Wraps {
		lo.unwrapped[from+">"+to] = true
	}
	if !e.Guess {
		lo.proven[from+">"+to] = true
	}
	if lo.succ[from] == nil {
		lo.succ[from] = make(map[string]Edge)
	}
	if old, ok := lo.succ[from][to]; !ok || (own && !lo.own[from+">"+to]) || (own == lo.own[from+">"+to] && betterEdge(e, old)) {
		lo.succ[from][to] = e
	}
	if own {
		lo.own[from+">"+to] = true
	}
}

// cyclesThrough returns the elementary cycles of length 2..maxCycleLen that
// use edge e, each as its list of edges starting with e.
func (lo *lockOrder) cyclesThrough(e Edge) [][]Edge {
	start, next := e.From.Class.Key, e.To.Class.Key
	var out [][]Edge
	var walk func(path []Edge, at string, visited map[string]bool)
	walk = func(path []Edge, at string, visited map[string]bool) {
		for _, to := range sortedKeys(lo.succ[at]) {
			edge := lo.succ[at][to]
			if to == start {
				out = append(out, append(append([]Edge(nil), path...), edge))
				continue
			}
			if visited[to] || len(path)+1 >= maxCycleLen {
				continue
			}
			visited[to] = true
			walk(append(path, edge), to, visited)
			delete(visited, to)
		}
	}
	walk([]Edge{e}, next, map[string]bool{start: true, next: true})
	return out
}

func sortedKeys(m map[string]Edge) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// cycleKey names a cycle independently of where it starts.
func cycleKey(cyc []Edge) string {
	keys := make([]string, len(cyc))
	for i, e := range cyc {
		keys[i] = e.From.Class.Key
	}
	sort.Strings(keys)
	return strings.Join(keys, "|")
}

// allWrap reports whether every edge of the cycle goes from an object's
// lock to a lock of the value it wraps (see wraps), and so does every other
// edge found between the same classes: a cycle only a value wrapping
// itself would close, which the model has no witness of.
func (lo *lockOrder) allWrap(cyc []Edge) bool {
	for _, e := range cyc {
		if lo.unwrapped[e.From.Class.Key+">"+e.To.Class.Key] {
			return false
		}
	}
	return true
}

// serialised reports whether the cycle cannot deadlock: every acquisition in
// it happens under one common outer lock (a gate), or a lock in it is only
// ever read-locked on both sides (readers do not exclude each other).
func (lo *lockOrder) serialised(cyc []Edge) bool {
	common := make(map[string]bool)
	for _, g := range cyc[0].Gates {
		common[g] = true
	}
	for _, e := range cyc[1:] {
		next := make(map[string]bool)
		for _, g := range e.Gates {
			if common[g] {
				next[g] = true
			}
		}
		common = next
	}
	if len(common) > 0 {
		return true
	}
	for i, e := range cyc {
		prev := cyc[(i+len(cyc)-1)%len(cyc)]
		if e.FromMode == Read && prev.ToMode == Read {
			return true
		}
	}
	return false
}

// reportCycle reports a cycle once, at the latest acquisition of this package
// that closes it, with the chain of every edge as related locations.
func (ps *passState) reportCycle(lo *lockOrder, cyc []Edge) {
	at := -1
	for i, e := range cyc {
		if lo.own[e.From.Class.Key+">"+e.To.Class.Key] {
			if _, ok := ps.tokenPos(e.Pos); ok && (at < 0 || posLess(cyc[at].Pos, e.Pos)) {
				at = i
			}
		}
	}
	if at < 0 {
		return
	}
	cyc = append(cyc[at:], cyc[:at]...) // start at the reported edge
	pos, _ := ps.tokenPos(cyc[0].Pos)
	if w, ok := ps.cycleWitness(cyc); ok && lo.witnessed(cyc) {
		ps.reportConcurrentCycle(pos, cyc, w)
	} else {
		ps.reportLockCycle(pos, cyc)
	}
	for _, o := range cyc {
		ps.findings[len(ps.findings)-1].cycle = append(ps.findings[len(ps.findings)-1].cycle, o.From.Class.Key)
	}
}

// cycleWitness looks for a witness that the two edges of a two-lock cycle,
// both drawn in this package, run at once (concurrent.go). Longer cycles
// need three goroutines at once, which two-sided witnesses do not show.
func (ps *passState) cycleWitness(cyc []Edge) (spawnWitness, bool) {
	if len(cyc) != 2 || cyc[0].fn == nil || cyc[1].fn == nil {
		return spawnWitness{}, false
	}
	classes := []string{cyc[0].From.Class.Key, cyc[1].From.Class.Key}
	return ps.concurrentlyUnless(edgeSide(cyc[0]), edgeSide(cyc[1]), func(w spawnWitness) bool {
		return ps.separateObjects(w, classes) || ps.distinctFields(w, classes) ||
			w.then != nil && ps.joinedBeforeOf(w.fn, w.start, w.then, true) || ps.neverDrawnFrom(w, cyc)
	})
}

// edgeSide is where an edge starts in the function that drew it: where
// its first lock comes to be held.
func edgeSide(e Edge) side {
	s := side{fn: e.fn}
	if len(e.FromChain) > 0 {
		s.pos = e.FromChain[0].Pos
	}
	return s
}
