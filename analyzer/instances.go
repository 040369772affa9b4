package analyzer

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Two instances of one lock class, nested in opposite orders.
//
// Transfer(from, to *Account) locks from.mu, then to.mu: a nesting of the
// class (*Account).mu with itself, through two different parameters. The
// class alone cannot tell a hazard from a hierarchy (a parent's lock before
// its child's), so the nesting is no class edge. It becomes a claim only once
// the instances are known: the nesting travels up in the summary as a
// pending edge between the two parameter paths (Pending, rewritten at every
// call like any other), until a frame names both ends by object — two
// package-level variables, or two exact allocation sites of its own. There
// the nesting is an instance edge a.mu -> b.mu (lockdep's "possible
// recursive locking", made concrete by the call sites).
//
// Two instance edges a -> b and b -> a drawn in one function are a
// deadlock only when they can run at the same time, and the model asks for
// a witness of that:
//
//   - both run in goroutines the function starts at two different go
//     statements, one of which dominates the other (both start on one path);
//   - or one runs in a goroutine started at a go statement that dominates
//     the instruction where the other runs in the function's own goroutine.
//
// It stays silent when
//
//   - the nesting is ordered: its second acquisition (or the call or go
//     statement that makes it concrete) is dominated by a branch on an
//     ordering comparison between values read from the two ends (IDs or
//     addresses compared first, see comparesInstances), or the two ends go
//     through one value chosen by such a comparison (a phi of both
//     parameters resolves to no single parameter);
//   - the two edges share an outer lock held around both (a gate);
//   - both acquisitions of the lock taken first are read locks;
//   - an end is an object no other goroutine can reach yet (owner.go), or
//     an element of a collection (stripes.go decides those), or a fresh
//     object of a callee (never one exact instance);
//   - only one order is reachable, or the two orders run one after the
//     other in one goroutine, or the function waits for the goroutine
//     that takes the first order to end (joinedBefore) before it takes
//     or starts the second.
//
// Program order and dominance are all the concurrency the model claims:
// edges drawn in two different functions are paired only where a common
// caller starts both (the pending edge travels up to it), never on the
// guess that two functions may run at once.

// instanceEdge is a nesting of two known instances of one class, drawn in
// fn in the final pass.
type instanceEdge struct {
	e     Edge
	fn    *ssa.Function
	at    ssa.Instruction // where fn makes it concrete: a Lock, a call or a go statement
	spawn bool            // it runs in a goroutine that at starts
}

// instanceCtx is the state of instance edges in one function's analysis:
// whether the callee summary being applied is a goroutine's that a go
// statement starts.
type instanceCtx struct {
	spawning bool
}

// nestedInstances files an edge between two Refs of one known class (see
// above) and reports whether it did: such an edge is never a class edge.
func (fa *fnAnalysis) nestedInstances(e Edge) bool {
	if !e.From.Class.known() || e.From.Class.Key != e.To.Class.Key {
		return false
	}
	if e.From.key() == e.To.key() || !e.From.exact() || !e.To.exact() ||
		e.FromMode == Read && e.ToMode == Read || e.FromMode == Once || e.ToMode == Once || fa.comparesInstances(e) {
		return true
	}
	if travels(e.From) && travels(e.To) && (e.From.rewritable() || e.To.rewritable()) {
		fa.sum.Pending = append(fa.sum.Pending, e)
		if twoParams(e) && fa.final && fa.at != nil {
			// Two parameters of this function: the edges a caller
			// pairs are also paired here, where the function itself
			// runs both orders at once on its two arguments.
			e.fn = fa.fn
			fa.ps.instEdges = append(fa.ps.instEdges, instanceEdge{e: e, fn: fa.fn, at: fa.at, spawn: fa.inst.spawning})
		}
		return true
	}
	if !instance(e.From) || !instance(e.To) || !fa.final || fa.at == nil {
		return true
	}
	if travels(e.From) && travels(e.To) {
		// Two package-level instances: a caller may start this function
		// in a goroutine and pair the edge with another.
		fa.sum.Pending = append(fa.sum.Pending, e)
	}
	e.fn = fa.fn
	fa.ps.instEdges = append(fa.ps.instEdges, instanceEdge{e: e, fn: fa.fn, at: fa.at, spawn: fa.inst.spawning})
	return true
}

// travels reports whether a caller can name r: a parameter- or
// closure-relative path, or a package-level variable.
func travels(r Ref) bool { return r.Base == BaseParam || r.Base == BaseFree || r.Base == BaseGlobal }

// twoParams reports whether the edge e nests the same lock of two
// different parameters of the function drawing it (Sync(a, b *Replica)
// starting copy(a, b) and copy(b, a)). Called with two distinct objects,
// the two orders deadlock; called with one object twice, each nesting
// takes one lock twice: a deadlock as well, unless the nesting tests that
// first, and then the distinct case remains.
func twoParams(e Edge) bool {
	return e.From.Base == BaseParam && e.To.Base == BaseParam && e.From.Index != e.To.Index &&
		e.From.exact() && e.To.exact() && slices.Equal(e.From.Path, e.To.Path)
}

// instance reports whether r names one known object: a package-level
// variable or an allocation site of the function itself.
func instance(r Ref) bool { return (r.Base == BaseGlobal || r.Base == BaseAlloc) && r.exact() }

// instanceCycles reports the pairs of instance edges in opposite orders
// that one function runs concurrently (see above), once per pair of locks.
func (ps *passState) instanceCycles() {
	byFn := make(map[*ssa.Function][]instanceEdge)
	var fns []*ssa.Function
	for _, ie := range ps.instEdges {
		if _, ok := byFn[ie.fn]; !ok {
			fns = append(fns, ie.fn)
		}
		byFn[ie.fn] = append(byFn[ie.fn], ie)
	}
	slices.SortFunc(fns, func(a, b *ssa.Function) int { return strings.Compare(ps.name(a), ps.name(b)) })
	reported := make(map[string]bool)
	// The keys each edge is sorted and paired by, made once per edge (the
	// pairs are many: every edge of a function against every other).
	type keyedEdge struct {
		instanceEdge
		order, from, to string
	}
	for _, fn := range fns {
		edges := make([]keyedEdge, len(byFn[fn]))
		for i, ie := range byFn[fn] {
			edges[i] = keyedEdge{ie, edgeKey(ie.e) + ie.e.tieKey(), ie.e.From.key(), ie.e.To.key()}
		}
		slices.SortStableFunc(edges, func(a, b keyedEdge) int { return strings.Compare(a.order, b.order) })
		for i := range edges {
			for j := range edges {
				a, b := edges[i].instanceEdge, edges[j].instanceEdge
				if edges[i].from != edges[j].to || edges[i].to != edges[j].from || a.e.Guess || b.e.Guess || !ps.concurrentPair(fn, a, b) {
					continue
				}
				// Objects of one function's frame (its parameters, its
				// allocations) are that function's pair; package-level
				// ones are one pair wherever they are nested.
				k := pairKey(edges[i].from, edges[i].to)
				if a.e.From.Base != BaseGlobal || a.e.To.Base != BaseGlobal {
					k = ps.name(fn) + " " + k
				}
				if reported[k] || (&lockOrder{}).serialised([]Edge{a.e, b.e}) {
					continue
				}
				pos, ok := ps.tokenPos(b.e.Pos)
				if !ok {
					continue
				}
				reported[k] = true
				ps.reportInstanceCycle(pos, a.e, b.e)
				ps.findings[len(ps.findings)-1].cycle = []string{a.e.From.Class.Key}
			}
		}
	}
}

// concurrentPair reports whether b can run while a runs: a is started in a
// goroutine at an instruction of fn that runs first on every path to b's,
// and fn does not wait for that goroutine to end in between (see above).
func (ps *passState) concurrentPair(fn *ssa.Function, a, b instanceEdge) bool {
	if !a.spawn || a.at == b.at {
		return false
	}
	return instrBefore(a.at, b.at) && !ps.serialised(fn, a.at, b.at, b.spawn) && !ps.instancesHandedOff(a, b)
}

// instancesHandedOff reports whether a and b run in two goroutines fn
// starts, one of which begins by waiting for a channel that only the other
// feeds after every lock it takes (handedOff), or with a Do of the Once
// inside whose Do the other takes every lock (onceFirst): the second
// nesting starts after the first has ended.
func (ps *passState) instancesHandedOff(a, b instanceEdge) bool {
	if !a.spawn || !b.spawn {
		return false
	}
	ga, ok1 := a.at.(ssa.CallInstruction)
	gb, ok2 := b.at.(ssa.CallInstruction)
	if !ok1 || !ok2 {
		return false
	}
	for _, p := range [][2]ssa.CallInstruction{{ga, gb}, {gb, ga}} {
		body, _ := goBinding(p[0])
		if body == nil {
			continue
		}
		if sides, ok := ps.bodyAcquisitions(body, false); ok && (handedOff(p[0], p[1], sides) || onceFirst(p[0], p[1], sides)) {
			return true
		}
	}
	return false
}

// instrBefore reports whether x runs before y on every path that reaches y.
func instrBefore(x, y ssa.Instruction) bool {
	bx, by := x.Block(), y.Block()
	if bx == nil || by == nil {
		return false
	}
	if bx != by {
		return bx.Dominates(by)
	}
	for _, instr := range bx.Instrs {
		switch instr {
		case x:
			return true
		case y:
			return false
		}
	}
	return false
}

// instrReaches reports whether some path leads from x to y (y later in x's
// block, or y's block reachable from x's).
func instrReaches(x, y ssa.Instruction) bool {
	if x.Block() == y.Block() {
		for _, instr := range x.Block().Instrs {
			if instr == x {
				return true // x comes first
			}
			if instr == y {
				break
			}
		}
	}
	return reachesBlock(x.Block(), y.Block())
}

func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "|" + b
}

// instanceText names one instance of a lock for messages: the variable and
// path of a package-level lock, or the path and the allocation's position
// (file:line, with the column when col is set: two objects made on one
// line).
func instanceText(r Ref, col bool) string {
	var parts []string
	switch r.Base {
	case BaseGlobal:
		parts = append(parts, r.Name[strings.LastIndex(r.Name, ".")+1:])
	case BaseParam:
		parts = append(parts, r.Name)
	}
	for _, p := range r.Path {
		if p != "*" && p != "#r" && !strings.HasPrefix(p, freeVarPrefix) {
			parts = append(parts, p)
		}
	}
	text := strings.Join(parts, ".")
	if r.Base == BaseAlloc {
		site := r.Name
		if at := strings.LastIndex(site, "@"); at >= 0 && strings.Count(site[at:], ":") == 2 {
			site = site[at+1:]
			if !col {
				site = site[:strings.LastIndex(site, ":")]
			}
		}
		text += " of the object made at " + site
	}
	return text
}

// comparesInstances reports whether the instruction being transferred is
// dominated by a branch on an ordering comparison (see orderings) of a value
// read from one end of e with a value read from the other: from.id < to.id,
// a.ID() > b.ID(), uintptr(unsafe.Pointer(a)) < uintptr(unsafe.Pointer(b)),
// cmp.Compare(a.name, b.name) < 0.
// A comparison of anything else (a loop's counter) orders nothing.
func (fa *fnAnalysis) comparesInstances(e Edge) bool {
	for pair := range fa.orderings() {
		x, y := fa.readFrom(pair[0]), fa.readFrom(pair[1])
		if x == nil || y == nil {
			continue
		}
		if insideOf(*x, e.From) && insideOf(*y, e.To) || insideOf(*x, e.To) && insideOf(*y, e.From) {
			return true
		}
	}
	return false
}

// readFrom follows a compared value back through loads, field reads,
// conversions and method calls to the object it was read from, named as a
// Ref; nil when it reaches nothing nameable.
func (fa *fnAnalysis) readFrom(v ssa.Value) *Ref {
	for i := 0; i < 8; i++ {
		if x, ok := readStep(v); ok { // stripes.go
			v = x
			continue
		}
		switch x := v.(type) {
		case *ssa.UnOp: // (not a load)
			return nil
		case *ssa.Call:
			if x.Call.IsInvoke() {
				v = x.Call.Value
				continue
			}
			callee := x.Call.StaticCallee()
			if callee == nil || callee.Signature.Recv() == nil || len(x.Call.Args) == 0 {
				return nil
			}
			v = x.Call.Args[0]
		default:
			r := fa.r.resolve(v)
			if r.Base == BaseOpaque {
				return nil
			}
			return &r
		}
	}
	return nil
}

// insideOf reports whether lock is inside the object obj names (obj's path is
// a prefix of lock's).
func insideOf(obj, lock Ref) bool {
	o, l := obj.key(), lock.key()
	return o == l || strings.HasPrefix(l, o+".")
}
