package analyzer

import (
	"go/token"
	"iter"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Striped lock arrays: element-wise identity.
//
// The elements of one array, slice or map of locks (t.stripes[i]) are one
// class: any two of them may be the same lock or two different ones. Only
// collections of bare locks count: their elements have no order but their
// index. Elements that are objects holding a lock (t.nodes[k].mu) may be
// ordered by the structure they form (a parent before its child), which the
// model cannot see, so their nestings stay unreported. Nesting
// two of them, t.stripes[from] then t.stripes[to], at two different Lock
// sites is a lock-order edge from the class to itself: move(1, 2) and
// move(2, 1) in two goroutines deadlock. It is no hazard when
//
//   - every such nesting of the class runs under a common outer lock (a
//     gate, held here or by every caller, see gates.go): two nestings can
//     never interleave;
//   - the order is decided by a comparison (a branch on i < j dominates the
//     second acquisition, as in the usual fix, or the nesting is a loop over
//     the indices);
//   - one acquisition site takes them all (a loop locking every stripe in
//     index order);
//   - both are taken in this function at constant indices, the lower first
//     (t.locks[0], then t.locks[1]): the order is written in the source
//     (a nesting at constant indices the other way round stays an edge),
//     or at the min and then the max of the same two indices (lo, hi :=
//     min(i, j), max(i, j)): the builtins write that order too;
//   - both are read locks, or either element belongs to an object no other
//     goroutine can reach yet (owner.go).

// selfEdge reports whether e is an edge from a class to itself.
func selfEdge(e Edge) bool { return e.From.Class.Key == e.To.Class.Key }

// stripeEdge records the nesting of a held element h and an acquired element
// a of the same collection, unless one of the rules above clears it.
func (fa *fnAnalysis) stripeEdge(h heldLock, a *acquisition, held []heldLock) {
	if !fa.final || !bareElement(h.ref) || !bareElement(a.ref) || !h.ref.Class.known() || h.pos == a.pos ||
		h.mode == Read && a.mode == Read || h.mode == Once || a.mode == Once {
		return
	}
	if fa.blocks.doomed[fa.block] || fa.ordered() || fa.owned(h.ref) || fa.owned(a.ref) || fa.ascendingIndexes(h.pos, a.pos) {
		return
	}
	e := Edge{From: h.ref, To: a.ref, FromMode: h.mode, ToMode: a.mode, FromChain: h.chain, ToChain: a.fullChain(),
		Func: fa.name, Pos: fa.ps.position(a.pos), fn: fa.fn}
	for _, g := range held {
		if g.ref.key() != h.ref.key() && g.ref.Class.known() && !fa.owned(g.ref) {
			e.Gates = append(e.Gates, g.ref.Class.Key)
		}
	}
	fa.ps.edges = append(fa.ps.edges, e)
}

// bareElement reports whether r is an element of a collection of locks
// (its path ends at the element, or at the element's read view).
func bareElement(r Ref) bool {
	r, _ = r.readView()
	return len(r.Path) > 0 && r.Path[len(r.Path)-1] == "[]"
}

// ordered reports whether the instruction being transferred is dominated by
// a branch on an ordering comparison (<, <=, >, >=).
func (fa *fnAnalysis) ordered() bool {
	for range fa.orderings() {
		return true
	}
	return false
}

// orderings yields the operands of the ordering comparisons that branches
// dominating the instruction being transferred test, innermost first: an
// ordering operator (<, <=, >, >=), or any test of a three-way comparison
// (cmp.Compare, strings.Compare, bytes.Compare) against a constant, as a
// switch on its result makes (`switch cmp.Compare(a.name, b.name)`), or a
// call of an ordering predicate (see orderPredicate): the arguments it
// compares.
func (fa *fnAnalysis) orderings() iter.Seq[[2]ssa.Value] {
	return func(yield func([2]ssa.Value) bool) {
		if fa.at == nil || fa.at.Block() == nil {
			return
		}
		for d := fa.at.Block().Idom(); d != nil; d = d.Idom() {
			ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
			if !ok {
				continue
			}
			if x, y, ok := orderPredicate(ifi.Cond); ok {
				if !yield([2]ssa.Value{x, y}) {
					return
				}
				continue
			}
			bin, ok := ifi.Cond.(*ssa.BinOp)
			if !ok {
				continue
			}
			switch bin.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				if x, y, ok := threeWay(bin); ok {
					if !yield([2]ssa.Value{x, y}) {
						return
					}
					continue
				}
				if !yield([2]ssa.Value{bin.X, bin.Y}) {
					return
				}
			case token.EQL, token.NEQ:
				if x, y, ok := threeWay(bin); ok && !yield([2]ssa.Value{x, y}) {
					return
				}
			}
		}
	}
}

// orderPredicate matches a call (or its negation) of an ordering
// predicate: a function with a body whose one return is an ordering
// comparison of values read from two of its parameters (func (a *Acct)
// before(b *Acct) bool { return a.id < b.id }). Branching on it is
// branching on that comparison of the arguments: it returns the two
// arguments compared.
func orderPredicate(cond ssa.Value) (x, y ssa.Value, ok bool) {
	if not, isNot := cond.(*ssa.UnOp); isNot && not.Op == token.NOT {
		cond = not.X
	}
	call, isCall := cond.(*ssa.Call)
	if !isCall {
		return nil, nil, false
	}
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Blocks == nil || len(call.Call.Args) != len(fn.Params) {
		return nil, nil, false
	}
	rets := callgraph.Returns(fn)
	if len(rets) != 1 || len(rets[0].Results) != 1 {
		return nil, nil, false
	}
	bin, isBin := rets[0].Results[0].(*ssa.BinOp)
	if !isBin {
		return nil, nil, false
	}
	a, b := bin.X, bin.Y
	switch bin.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
		if l, r, three := threeWay(bin); three {
			a, b = l, r
		}
	case token.EQL, token.NEQ:
		l, r, three := threeWay(bin)
		if !three {
			return nil, nil, false
		}
		a, b = l, r
	default:
		return nil, nil, false
	}
	i, j := paramRead(fn, a), paramRead(fn, b)
	if i < 0 || j < 0 || i == j {
		return nil, nil, false
	}
	return call.Call.Args[i], call.Call.Args[j], true
}

// paramRead returns the index of the parameter of fn that v is read from
// (through loads, fields and conversions), or -1.
func paramRead(fn *ssa.Function, v ssa.Value) int {
	if p, ok := throughReads(v).(*ssa.Parameter); ok {
		return slices.Index(fn.Params, p)
	}
	return -1
}

// throughReads follows v back through loads, field reads and conversions
// (a few steps at most) to the value they read from.
func throughReads(v ssa.Value) ssa.Value {
	for range 8 {
		x, ok := readStep(v)
		if !ok {
			return v
		}
		v = x
	}
	return v
}

// readStep is one step of throughReads: the value v loads, reads a field
// of, or converts, and true; false when v is none of those.
func readStep(v ssa.Value) (ssa.Value, bool) {
	switch x := v.(type) {
	case *ssa.UnOp:
		return x.X, x.Op == token.MUL
	case *ssa.FieldAddr:
		return x.X, true
	case *ssa.Field:
		return x.X, true
	case *ssa.Convert:
		return x.X, true
	case *ssa.ChangeType:
		return x.X, true
	}
	return nil, false
}

// threeWay matches a comparison of the result of a three-way comparison
// function of the standard library with a constant: the two values it
// compares.
func threeWay(bin *ssa.BinOp) (x, y ssa.Value, ok bool) {
	call, isCall := bin.X.(*ssa.Call)
	other := bin.Y
	if !isCall {
		call, isCall = bin.Y.(*ssa.Call)
		other = bin.X
	}
	if _, isConst := other.(*ssa.Const); !isCall || !isConst {
		return nil, nil, false
	}
	fn := call.Call.StaticCallee()
	if fn != nil && fn.Origin() != nil {
		fn = fn.Origin() // cmp.Compare[string]
	}
	if fn == nil || fn.Name() != "Compare" || len(call.Call.Args) != 2 || fn.Pkg == nil {
		return nil, nil, false
	}
	switch fn.Pkg.Pkg.Path() {
	case "cmp", "strings", "bytes":
		return call.Call.Args[0], call.Call.Args[1], true
	}
	return nil, nil, false
}

// stripeCycles reports the classes nested with themselves (see stripeEdge)
// whose nestings, in this package and its dependencies, share no gate.
func (ps *passState) stripeCycles(lo *lockOrder, imported []Edge) {
	byClass := make(map[string][]Edge)
	var classes []string
	add := func(e Edge) {
		k := e.From.Class.Key
		if _, ok := byClass[k]; !ok {
			classes = append(classes, k)
		}
		byClass[k] = append(byClass[k], e)
	}
	for _, e := range ps.edges {
		if selfEdge(e) {
			add(e)
		}
	}
	var ownClasses = slices.Clone(classes)
	for _, e := range imported {
		if selfEdge(e) {
			if _, ok := byClass[e.From.Class.Key]; ok {
				add(e)
			}
		}
	}
	slices.Sort(ownClasses)
	for _, k := range ownClasses {
		edges := byClass[k]
		if lo.serialised(edges) {
			continue
		}
		// Report at the latest nesting of this package without a gate.
		var at *Edge
		for i := range edges {
			e := &edges[i]
			if _, ok := ps.tokenPos(e.Pos); ok && len(e.Gates) == 0 && (at == nil || posLess(at.Pos, e.Pos)) {
				at = e
			}
		}
		if at == nil {
			continue
		}
		pos, _ := ps.tokenPos(at.Pos)
		ps.reportStripeCycle(pos, at)
		ps.findings[len(ps.findings)-1].cycle = []string{k}
	}
}

// ascendingIndexes reports whether the Lock calls of this function at held
// and at acquired take elements in ascending order of their indices: two
// constants, held's the lower, or the min and the max of the same two
// values (lo, hi := min(i, j), max(i, j); x[lo].Lock(); x[hi].Lock()).
func (fa *fnAnalysis) ascendingIndexes(held, acquired token.Pos) bool {
	i, ok1 := indexLockAt(fa.fn, held)
	j, ok2 := indexLockAt(fa.fn, acquired)
	if !ok1 || !ok2 {
		return false
	}
	if ki, ok := intConst(i); ok {
		kj, ok := intConst(j)
		return ok && ki < kj
	}
	lo, ok1 := builtinOf(i, "min")
	hi, ok2 := builtinOf(j, "max")
	return ok1 && ok2 && len(lo) == 2 && len(hi) == 2 &&
		(lo[0] == hi[0] && lo[1] == hi[1] || lo[0] == hi[1] && lo[1] == hi[0])
}

// indexLockAt returns the index of the element that the call of fn at pos
// locks (x[i].Lock()), when it locks an element.
func indexLockAt(fn *ssa.Function, pos token.Pos) (ssa.Value, bool) {
	if !pos.IsValid() {
		return nil, false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || c.Pos() != pos || len(c.Call.Args) == 0 {
				continue
			}
			switch syncOp(c.Common()) {
			case OpLock, OpRLock:
			default:
				return nil, false
			}
			ia, ok := c.Call.Args[0].(*ssa.IndexAddr)
			if !ok {
				return nil, false
			}
			return ia.Index, true
		}
	}
	return nil, false
}

// builtinOf returns the arguments of v when it is a call of the builtin
// name (min, max).
func builtinOf(v ssa.Value, name string) ([]ssa.Value, bool) {
	c, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	b, ok := c.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != name {
		return nil, false
	}
	return c.Call.Args, true
}
