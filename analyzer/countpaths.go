package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Path-sensitive counts. pathCounts walks the acyclic paths of a function
// and, like the lockset (see conds.go), keeps apart the paths on which the
// function's branch conditions have different values: a path is a set of
// facts about the conditions it has tested, and two paths merge only where
// those facts agree. So the counts of `if f { wg.Add(1) } ... if f {
// wg.Done() }`, or of a flag set with the Add and tested at the Done
// (`started := false; if ok { wg.Add(1); started = true } ... if started {
// wg.Done() }`), see the two paths that exist, not the four the CFG has.
//
// The conditions it follows, in the function's block order:
//
//   - the lockset's tracked conditions (values tested by more than one
//     branch, tests of a parameter): unchanged SSA values, so what one test
//     learns holds at the next;
//   - a bool phi whose incoming values are constants (a flag assigned on
//     some branches): its value is known from the edge a path enters its
//     block by;
//   - a test of a field (a field read, or an atomic Load of one; its value or
//     whether it is nil). The model knows nothing of what a field holds, so
//     these are undecided: they never narrow the counts a claim is made
//     from, except the certain Dones. A claim that the Dones are missed on
//     some path ("Done not reached", "fewer Done than Add") is then made
//     only when, whatever the fields hold, some path misses them: a
//     `if s.closing { return }; s.wg.Done()` or a `if c.tracked {
//     c.wg.Done() }` whose tracked is set with the Add says nothing, but an
//     early return on an error beside it still does. Two reads of the same
//     field of the same value are one condition there (an optimistic
//     reading, used only to silence a claim).

// maxCountConds bounds the conditions counts follow; maxFieldConds those of
// them over which the certain Dones take the best case; maxPathStates the
// distinct paths kept apart at a block (beyond it they merge, as without
// path sensitivity).
const (
	maxCountConds = 16
	maxFieldConds = 4
	maxPathStates = 32
)

// countConds lists, per block, what a path learns on entering it.
type countConds struct {
	ifs   map[*ssa.BasicBlock]countIf // a block ending in a branch on a followed condition
	phis  map[*ssa.BasicBlock][]countPhi
	defs  map[*ssa.BasicBlock]uint16 // conditions computed again in the block: forgotten on entry
	sound uint16                     // conditions on unchanged values (all but fields)
	field uint16                     // conditions on fields (undecided)
}

type countIf struct {
	bit uint16
	val bool // the condition's value on the branch's first (true) edge
}

type countPhi struct {
	bit  uint16
	vals []bool // the phi's value per incoming edge
}

// countIdentity is what makes two branch conditions one for the counts.
type countIdentity struct {
	key   condKey
	base  ssa.Value // for a field: the struct pointer and the field
	field int
}

// countTable is the function's table of the conditions pathCounts follows,
// made on first use.
func (fa *fnAnalysis) countTable() *countConds {
	if fa.countConds == nil {
		fa.countConds = fa.countCondTable()
	}
	return fa.countConds
}

// countCondTable chooses the conditions pathCounts follows (see above).
func (fa *fnAnalysis) countCondTable() *countConds {
	t := &countConds{ifs: make(map[*ssa.BasicBlock]countIf), phis: make(map[*ssa.BasicBlock][]countPhi),
		defs: make(map[*ssa.BasicBlock]uint16)}
	bits := make(map[countIdentity]uint16)
	n := 0
	bitFor := func(id countIdentity, field bool) uint16 {
		if b, ok := bits[id]; ok {
			return b
		}
		if n == maxCountConds {
			return 0
		}
		b := uint16(1) << n
		n++
		bits[id] = b
		if field {
			t.field |= b
		} else {
			t.sound |= b
		}
		return b
	}
	for _, b := range fa.fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || len(b.Succs) != 2 || b.Succs[0] == b.Succs[1] {
			continue
		}
		k, val, ok := condOf(ifi.Cond)
		if !ok {
			continue
		}
		var bit uint16
		if base, field, ok := fieldRead(k.v); ok && k.field == 0 {
			bit = bitFor(countIdentity{key: condKey{isNil: k.isNil}, base: base, field: field}, true)
		} else if _, tracked := fa.conds.idx[k]; tracked {
			bit = bitFor(countIdentity{key: k}, false)
			if instr, ok := k.v.(ssa.Instruction); ok && instr.Block() != nil {
				t.defs[instr.Block()] |= bit
			}
		} else if phi, ok := k.v.(*ssa.Phi); ok && !k.isNil {
			vals, ok := constBools(phi.Edges)
			if !ok {
				continue
			}
			known := bits[countIdentity{key: k}] != 0
			bit = bitFor(countIdentity{key: k}, false)
			if bit != 0 && !known {
				t.phis[phi.Block()] = append(t.phis[phi.Block()], countPhi{bit: bit, vals: vals})
			}
		}
		if bit != 0 {
			t.ifs[b] = countIf{bit: bit, val: val}
		}
	}
	return t
}

// constBools returns the values of a phi whose every edge is a bool
// constant.
func constBools(edges []ssa.Value) ([]bool, bool) {
	vals := make([]bool, len(edges))
	for i, e := range edges {
		c, ok := e.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
			return nil, false
		}
		vals[i] = constant.BoolVal(c.Value)
	}
	return vals, true
}

// fieldRead reports whether v is the value of a field read from memory: a
// load of a field (p.f), or an atomic Load method called on one
// (p.f.Load()). It returns the struct pointer and the field's index.
func fieldRead(v ssa.Value) (ssa.Value, int, bool) {
	var addr ssa.Value
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			addr = x.X
		}
	case *ssa.Call:
		fn := x.Call.StaticCallee()
		if fn == nil || fn.Name() != "Load" || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "sync/atomic" || len(x.Call.Args) != 1 {
			return nil, 0, false
		}
		if _, ok := fn.Signature.Recv().Type().(*types.Pointer); !ok {
			return nil, 0, false
		}
		addr = x.Call.Args[0]
	}
	if f, ok := addr.(*ssa.FieldAddr); ok {
		return f.X, f.Field, true
	}
	return nil, 0, false
}

// pathFacts is what a path knows of the followed conditions: bit i of known
// is set when it has learned condition i's value, held in vals.
type pathFacts struct{ known, vals uint16 }

type pathCount struct {
	facts pathFacts
	n     ChanCount
}

// enter returns the facts of a path that goes from p to b (the index of
// the edge among b's predecessors is j), or false when its facts rule the
// edge out.
func (t *countConds) enter(f pathFacts, mask uint16, p, b *ssa.BasicBlock, j int) (pathFacts, bool) {
	if c, ok := t.ifs[p]; ok && c.bit&mask != 0 {
		v := (p.Succs[0] == b) == c.val
		if f.known&c.bit != 0 && (f.vals&c.bit != 0) != v {
			return f, false
		}
		f = f.set(c.bit, v)
	}
	forget := t.defs[b] & mask
	f.known &^= forget
	f.vals &^= forget
	for _, ph := range t.phis[b] {
		if ph.bit&mask != 0 && j < len(ph.vals) {
			f = f.set(ph.bit, ph.vals[j])
		}
	}
	return f, true
}

// startFacts are the values of the followed conditions that every path to
// start has tested: a branch on one, outside any loop, whose side of
// start's block is the only way in (its successor there has no other
// predecessor, and dominates start). A channel made under `if reply` is
// counted on the paths where reply holds, which a later `if reply { <-ch
// }` then cannot leave.
func (t *countConds) startFacts(start *ssa.BasicBlock, mask uint16) pathFacts {
	var f pathFacts
	for d := start.Idom(); d != nil; d = d.Idom() {
		c, ok := t.ifs[d]
		if !ok || c.bit&mask == 0 || f.known&c.bit != 0 || inLoop(d) {
			continue
		}
		for i, s := range d.Succs {
			if len(s.Preds) == 1 && s.Dominates(start) {
				f = f.set(c.bit, (i == 0) == c.val)
			}
		}
	}
	return f
}

func (f pathFacts) set(bit uint16, v bool) pathFacts {
	f.known |= bit
	if v {
		f.vals |= bit
	} else {
		f.vals &^= bit
	}
	return f
}

// addPath adds a path's counts to a block's, merging it with a path of the
// same facts; beyond maxPathStates, all merge into one that knows nothing.
func addPath(ps []pathCount, f pathFacts, n ChanCount) []pathCount {
	for i := range ps {
		if ps[i].facts == f {
			ps[i].n = ps[i].n.merge(n)
			return ps
		}
	}
	ps = append(ps, pathCount{facts: f, n: n})
	if len(ps) > maxPathStates {
		all := ps[0].n
		for _, p := range ps[1:] {
			all = all.merge(p.n)
		}
		ps = []pathCount{{n: all}}
	}
	return ps
}

// walkCounts computes the counts of weights w (and of edge weights ew) at
// the exits of the acyclic paths from start, following the conditions in
// mask. It returns the exit paths.
func (fa *fnAnalysis) walkCounts(start *ssa.BasicBlock, w map[*ssa.BasicBlock]*ChanCount, ew map[[2]*ssa.BasicBlock]*ChanCount, t *countConds, mask uint16) []pathCount {
	return fa.walkCountsTo(start, w, ew, t, mask, nil)
}

// walkCountsTo is walkCounts; with doomed set, the paths that end in a
// panic count too, but for those through the blocks it maps to true, which
// end no path: nothing after one of them runs (a call that ends the process
// may be followed by blocks its callee's type does not rule out).
func (fa *fnAnalysis) walkCountsTo(start *ssa.BasicBlock, w map[*ssa.BasicBlock]*ChanCount, ew map[[2]*ssa.BasicBlock]*ChanCount, t *countConds, mask uint16, doomed map[*ssa.BasicBlock]bool) []pathCount {
	order := reversePostorderFrom(start)
	ends := doomed // the blocks whose paths end nowhere
	if ends == nil {
		ends = fa.blocks.doomed
	}
	var exits []*ssa.BasicBlock
	for _, b := range order {
		if (len(b.Succs) == 0 || fa.turnEnds[b]) && !ends[b] {
			exits = append(exits, b)
		}
	}
	if len(exits) == 0 {
		exits = order
	}
	if fa.exitOK != nil {
		exits = slices.DeleteFunc(exits, func(b *ssa.BasicBlock) bool { return !fa.exitOK(b) })
	}
	// The paths reaching each block, by block index (nil: not reached).
	reached := make([][]pathCount, len(start.Parent().Blocks))
	// Each block's paths are carved out of one buffer, which the next walk
	// reuses (out copies them): a walk would otherwise make a slice per
	// block, and the walks of a large module number in the tens of
	// thousands. A walk inside this one, were there any, makes its own.
	slab := fa.pathSlab[:0]
	fa.pathSlab = nil
	for _, b := range order {
		// At most one path per incoming path: room for all of them at once.
		size := 0
		if b == start {
			size = 1
		}
		for _, p := range b.Preds {
			size += len(reached[p.Index])
		}
		size = min(size, maxPathStates+1)
		if cap(slab)-len(slab) < size {
			// (The slices carved so far keep the old buffer.)
			slab = make([]pathCount, 0, max(2*cap(slab), size, 16))
		}
		in := slab[len(slab) : len(slab) : len(slab)+size]
		slab = slab[:len(slab)+size]
		if b == start {
			in = append(in, pathCount{facts: t.startFacts(start, mask&t.sound)})
		}
		for j, p := range b.Preds {
			pcs := reached[p.Index]
			if pcs == nil || b.Dominates(p) || doomed[p] || fa.cut != nil && fa.cut(p, b) || fa.neverTaken(p, b) || fa.nilAfter(start, p, b) { // not from start, a back edge, doomed, or ruled out
				continue
			}
			e := ew[[2]*ssa.BasicBlock{p, b}]
			for _, pc := range pcs {
				if f, ok := t.enter(pc.facts, mask, p, b, j); ok {
					n := pc.n
					if e != nil {
						n = n.plus(*e)
					}
					in = addPath(in, f, n)
				}
			}
		}
		if len(in) == 0 {
			continue // every way in is ruled out
		}
		if x := w[b]; x != nil {
			for i := range in {
				in[i].n = in[i].n.plus(*x)
			}
		}
		reached[b.Index] = in
	}
	var out []pathCount
	for _, x := range exits {
		out = append(out, reached[x.Index]...)
	}
	fa.pathSlab = slab
	return out
}

// bestDones is the most Dones certain whatever the fields in mask hold: over
// each assignment of values to those fields, the fewest Dones on the paths
// that agree with it; the best of them.
func bestDones(paths []pathCount, fields uint16) int {
	var bits []uint16
	for i := 0; i < 16 && len(bits) < maxFieldConds; i++ {
		if b := uint16(1) << i; fields&b != 0 {
			bits = append(bits, b)
		}
	}
	best := -1
	for a := 0; a < 1<<len(bits); a++ {
		var vals, mask uint16
		for i, b := range bits {
			mask |= b
			if a&(1<<i) != 0 {
				vals |= b
			}
		}
		fewest := -1
		for _, p := range paths {
			if (p.facts.vals^vals)&p.facts.known&mask != 0 {
				continue // this path took another value of a field
			}
			if fewest < 0 || p.n.MinDone < fewest {
				fewest = p.n.MinDone
			}
		}
		best = max(best, fewest)
	}
	return best
}
