package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Ownership, in the style of Infer's RacerD and Starvation.
//
// An object this function allocated (or received fresh from a constructor,
// see Summary.FreshObjs) and has not yet published is reachable from this
// goroutine alone: no other goroutine can hold or wait for its locks. Locking
// it therefore orders nothing: `c := &Node{}; c.mu.Lock(); parent.mu.Lock()`
// is no edge (*Node).mu -> (*Node).mu or (*Node).mu -> (*Tree).mu, which would
// otherwise join a cycle with every Node the program locks the other way
// round. An owned lock is not a gate either: holding it serialises nothing.
//
// An object is published at the first instruction that lets another
// goroutine reach it: a store of its address anywhere, a send, a map update,
// a return, a go statement, a call that is not a sync method on it and whose
// callee's summary does not vouch for the argument (ParamPublishes, no
// goroutines started), a closure that captures it and may run elsewhere.
// After an instruction that publishes it, on any path (not passing through
// a new allocation at the same site, which makes a new object), normal rules
// apply. Only locks that live inside the object's own memory count: a field
// path through struct and array values, never through a pointer, slice, map
// or interface, which may lead to a shared object.

// ownership is the per-function state of the ownership analysis, built on
// first use.
type ownership struct {
	roots map[string]ssa.Value                 // fresh roots by the Ref name they resolve to
	pubs  map[ssa.Value][]ssa.Instruction      // publication points, per root
	facts map[*ssa.BasicBlock]map[condKey]bool // branchFacts, per block asked about
	freed map[string]bool                      // handedOver, by the Ref's key
}

// owned reports whether ref names a lock inside an object that no other
// goroutine can reach at the instruction being transferred.
func (fa *fnAnalysis) owned(ref Ref) bool {
	return fa.ownedBut(ref, nil)
}

// ownedBut is owned, not counting a publication by the instruction skip
// (the call under way, when the question is who owns ref up to it).
func (fa *fnAnalysis) ownedBut(ref Ref, skip ssa.Instruction) bool {
	if fa.at != nil && ref.Base == BaseFree {
		if fa.own == nil {
			fa.own = fa.newOwnership()
		}
		k := ref.key()
		v, ok := fa.own.freed[k]
		if !ok {
			v = fa.handedOver(ref)
			if fa.own.freed == nil {
				fa.own.freed = make(map[string]bool)
			}
			fa.own.freed[k] = v
		}
		return v
	}
	root := fa.freshRoot(ref)
	if root == nil {
		return false
	}
	for _, p := range fa.publicationsOf(root) {
		if p != skip && fa.own.before(p, fa.at, root) {
			return false
		}
	}
	return true
}

// freshRoot returns the fresh root (an allocation of this function, or a
// constructor's fresh result) whose own memory holds the lock ref names, or
// nil.
func (fa *fnAnalysis) freshRoot(ref Ref) ssa.Value {
	if fa.at == nil || (ref.Base != BaseAlloc && ref.Base != BaseOpaque) {
		return nil
	}
	if fa.own == nil {
		fa.own = fa.newOwnership()
	}
	root := fa.own.roots[ref.Name]
	if root == nil || !inside(deref(root.Type()), ref.Path) {
		return nil
	}
	return root
}

// publicationsOf returns the instructions that publish the fresh root,
// computed once.
func (fa *fnAnalysis) publicationsOf(root ssa.Value) []ssa.Instruction {
	pubs, ok := fa.own.pubs[root]
	if !ok {
		pubs = fa.publications(root, make(map[ssa.Value]bool), nil)
		fa.own.pubs[root] = pubs
	}
	return pubs
}

// publishedUnder reports whether ref names a lock inside an object this
// function made and has shown to others, before this acquisition, only by
// writing it into memory while holding h, which it has held without a
// break from before those writes until now. Anyone else finds the object
// only in that memory, which a race-free program reads under h (the
// assumption of RacerD's ownership): nobody can hold ref's lock while this
// function holds h, so taking it under h orders nothing. A send, a go
// statement or a call that publishes hands the object over without h, and
// a write before h was taken, or in a loop that may release h and take it
// again between the write and this acquisition, leaves a window in which
// another goroutine may take the object's lock first.
func (fa *fnAnalysis) publishedUnder(h heldLock, ref Ref) bool {
	if !h.must || h.doubtful || h.since == nil || fa.at == nil || fa.deferring || fa.at.Block() == nil {
		return false
	}
	root := fa.freshRoot(ref)
	if root == nil || inLoop(fa.at.Block()) || inLoop(h.since.Block()) {
		return false
	}
	shown := false
	for _, p := range fa.publicationsOf(root) {
		if !fa.own.before(p, fa.at, root) {
			continue
		}
		switch p.(type) {
		case *ssa.Store, *ssa.MapUpdate:
		default:
			return false
		}
		if inLoop(p.Block()) || !instrBefore(h.since, p) {
			return false
		}
		shown = true
	}
	return shown
}

// intoItself reports whether the store st writes into the memory of an
// object the walk reached from the one it follows (seen): the object
// itself, or a fresh result a constructor given it returns holding it
// (`s.comp = NewCompactor(s)`). What is stored there is reachable only
// through that object, which is published where it is, not by this store.
func intoItself(st *ssa.Store, seen map[ssa.Value]bool) bool {
	root := addrRoot(st.Addr)
	switch root.(type) {
	case *ssa.Alloc, *ssa.Call:
		return root != st.Addr && seen[root]
	}
	return false
}

// backPointer reports whether the store st puts v into a field of a new
// object w that is only initialised and then stored into v's own object,
// so that nothing but v reaches w: `j.index = &Index{j: j}`. The back
// pointer makes v reachable from w alone, and w from v alone: v is
// published where it is, not by this store.
func backPointer(st *ssa.Store, v ssa.Value) bool {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	w, ok := fa.X.(*ssa.Alloc)
	if !ok || ssa.Value(w) == v {
		return false
	}
	kept := false
	for _, r := range *w.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			for _, u := range *r.Referrers() {
				if us, ok := u.(*ssa.Store); !ok || us.Addr != r {
					return false
				}
			}
		case *ssa.Store:
			root, _ := fieldChain(r.Addr)
			if r.Val != w || root != v {
				return false
			}
			kept = true
		default:
			return false
		}
	}
	return kept
}

// newOwnership lists the function's fresh roots: its allocations, and the
// results of calls whose callee returns a fresh, unpublished object.
func (fa *fnAnalysis) newOwnership() *ownership {
	own := &ownership{roots: make(map[string]ssa.Value), pubs: make(map[ssa.Value][]ssa.Instruction)}
	name := func(v ssa.Value) string { return valueName(fa.r.fset, fa.fn, v) }
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			switch v := instr.(type) {
			case *ssa.Alloc:
				own.roots[name(v)] = v
			case *ssa.Call:
				idx := fa.freshResultsOf(v)
				if len(idx) == 0 {
					continue
				}
				if _, tuple := v.Type().(*types.Tuple); !tuple {
					own.roots[name(v)] = v
					continue
				}
				for _, ref := range *v.Referrers() {
					if x, ok := ref.(*ssa.Extract); ok && slices.Contains(idx, x.Index) {
						own.roots[name(x)] = x
					}
				}
			}
		}
	}
	return own
}

// freshResultsOf returns the result indices of a call that are fresh objects,
// per the summary of its one static callee.
func (fa *fnAnalysis) freshResultsOf(call *ssa.Call) []int {
	site := fa.ps.graph.Site(call)
	if site == nil || site.Dynamic || len(site.Callees) != 1 {
		return nil
	}
	if sum := fa.ps.summary(site.Callees[0]); sum != nil {
		return sum.FreshObjs
	}
	return nil
}

// inside reports whether a path from an object of type t stays in the
// object's own memory: fields and array elements held by value, ending at a
// lock held by value (or its read view).
func inside(t types.Type, path []string) bool {
	for i, p := range path {
		switch p {
		case "#r":
			return i == len(path)-1
		case "*":
			return false
		case "[]":
			a, ok := t.Underlying().(*types.Array)
			if !ok {
				return false
			}
			t = a.Elem()
		default:
			st, ok := t.Underlying().(*types.Struct)
			if !ok {
				return false
			}
			found := false
			for j := 0; j < st.NumFields(); j++ {
				if st.Field(j).Name() == p {
					t, found = st.Field(j).Type(), true
					break
				}
			}
			if !found {
				return false
			}
		}
		switch t.Underlying().(type) {
		case *types.Struct, *types.Array:
		default:
			return false
		}
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// publications returns the instructions at which v, a pointer into a fresh
// object (or a value derived from one), becomes reachable by others.
func (fa *fnAnalysis) publications(v ssa.Value, seen map[ssa.Value]bool, out []ssa.Instruction) []ssa.Instruction {
	if seen[v] {
		return out
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return out
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.ChangeType, *ssa.Convert, *ssa.MakeInterface,
			*ssa.ChangeInterface, *ssa.Phi, *ssa.Slice, *ssa.TypeAssert:
			out = fa.publications(r.(ssa.Value), seen, out)
		case *ssa.Store:
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v {
				out = fa.cellPublications(cell, seen, out)
			} else if r.Val == v && !backPointer(r, v) && !intoItself(r, seen) {
				out = append(out, r)
			}
		case *ssa.UnOp, *ssa.Field, *ssa.Index, *ssa.BinOp, *ssa.If, *ssa.DebugRef:
			// reads of it or of its contents, comparisons
		case *ssa.MakeClosure:
			if fa.closurePublishes(v, r, false) {
				out = append(out, r)
			}
		case ssa.CallInstruction:
			pub, result := fa.callPublishes(v, r)
			switch {
			case result != nil:
				out = fa.publications(result, seen, out) // returned: where the result goes
			case pub:
				out = append(out, r)
			}
		default: // a return, a send, a map update, a select case, anything else
			out = append(out, r)
		}
	}
	return out
}

// cellPublications returns the publications of a local variable's cell
// that holds v (a variable a closure captures lives in one): a load from the
// cell is v again, a store into it writes another value, and a closure
// capturing the cell publishes v as that closure would.
//
// The cell is this function's (an *ssa.Alloc) or, inside a closure, the
// free variable bound to one; a closure the closure makes in turn is taken
// to publish it.
func (fa *fnAnalysis) cellPublications(cell ssa.Value, seen map[ssa.Value]bool, out []ssa.Instruction) []ssa.Instruction {
	if seen[cell] {
		return out
	}
	seen[cell] = true
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				out = append(out, r)
				continue
			}
			out = fa.publications(r, seen, out)
		case *ssa.Store:
			if r.Val == cell {
				out = append(out, r)
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if _, local := cell.(*ssa.Alloc); !local || fa.closurePublishes(cell, r, true) {
				out = append(out, r)
			}
		default:
			out = append(out, r)
		}
	}
	return out
}

// callPublishes reports whether handing v to a call lets others reach it;
// when the callee lets it out only by returning it (sync.NewCond(&c.mu)),
// it returns the call's result instead, whose publications are v's.
func (fa *fnAnalysis) callPublishes(v ssa.Value, r ssa.CallInstruction) (bool, ssa.Value) {
	if _, isGo := r.(*ssa.Go); isGo {
		return true, nil
	}
	c := r.Common()
	if b, ok := c.Value.(*ssa.Builtin); ok {
		return b.Name() != "len" && b.Name() != "cap", nil
	}
	if name, _ := calleeName(c); spawners[name] {
		return true, nil
	} else if _, ok := syncAPI[name]; ok {
		return false, nil // Lock, Unlock, Wait... on it
	}
	site := fa.ps.graph.Site(r)
	if site == nil || site.Dynamic || len(site.Callees) != 1 {
		return true, nil
	}
	sum := fa.ps.summary(site.Callees[0])
	if sum == nil || len(sum.Spawns) > 0 {
		return true, nil
	}
	var result ssa.Value
	for i, a := range site.Args() {
		if a != v {
			continue
		}
		switch a.Type().Underlying().(type) {
		case *types.Pointer, *types.Interface: // the parameters paramPublishes follows
			if !slices.Contains(sum.ParamPublishes, i) {
				continue
			}
			call, ok := r.(*ssa.Call)
			if !ok || !slices.Contains(sum.ParamReturned, i) {
				return true, nil
			}
			result = call
		case *types.Chan:
			if slices.Contains(sum.ParamEscapes, i) {
				return true, nil
			}
		default:
			return true, nil
		}
	}
	return false, result
}

// closurePublishes: a closure capturing v publishes it unless it is only
// called (or deferred) here and does not publish its free variable itself.
// cell says v is a variable holding the object (see cellPublications), not
// the object: loads of the free variable are then the object.
func (fa *fnAnalysis) closurePublishes(v ssa.Value, mc *ssa.MakeClosure, cell bool) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return true
	}
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			if r.Call.Value != mc {
				return true
			}
		case *ssa.Defer:
			if r.Call.Value != mc {
				return true
			}
		default:
			return true
		}
	}
	for i, b := range mc.Bindings {
		if b == v && i < len(fn.FreeVars) {
			inner := &fnAnalysis{ps: fa.ps, fn: fn}
			var pubs []ssa.Instruction
			if cell {
				pubs = inner.cellPublications(fn.FreeVars[i], make(map[ssa.Value]bool), nil)
			} else {
				pubs = inner.publications(fn.FreeVars[i], make(map[ssa.Value]bool), nil)
			}
			if len(pubs) > 0 {
				return true
			}
		}
	}
	return false
}

// before reports whether instruction p can run before instruction at on a
// path on which root is not allocated again (a new allocation is a new
// object). p == at counts: a call that publishes may do so before it locks.
func (own *ownership) before(p, at ssa.Instruction, root ssa.Value) bool {
	if p == at {
		return true
	}
	var rootInstr ssa.Instruction
	if ri, ok := root.(ssa.Instruction); ok {
		rootInstr = ri
	}
	if rootInstr == nil || rootInstr.Block() == nil {
		return false
	}
	if own.exclusive(p.Block(), at.Block()) {
		return false
	}
	idx := func(i ssa.Instruction) int { return slices.Index(i.Block().Instrs, i) }
	pb, ab, rb := p.Block(), at.Block(), rootInstr.Block()
	pi, ai := idx(p), idx(at)
	ri := idx(rootInstr)
	if pb == ab && pi < ai && !(rb == pb && pi < ri && ri < ai) {
		return true
	}
	if rb == pb && ri > pi {
		return false // the rest of p's block allocates anew
	}
	// Blocks reachable from p's block without passing an allocation.
	seen := map[*ssa.BasicBlock]bool{}
	work := slices.Clone(pb.Succs)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if b == ab && !(rb == ab && ri < ai) {
			return true
		}
		if b == rb {
			continue
		}
		work = append(work, b.Succs...)
	}
	return false
}

// exclusive reports whether blocks a and b run under opposite outcomes of
// one branch condition whose value is computed once per call (outside any
// loop): `if solicit { ... } else { publish(c) }; ...; if solicit { lock }`
// never publishes before it locks, however the blocks connect.
func (own *ownership) exclusive(a, b *ssa.BasicBlock) bool {
	fa := own.branchFacts(a)
	if len(fa) == 0 {
		return false
	}
	for k, vb := range own.branchFacts(b) {
		if va, ok := fa[k]; ok && va != vb && computedOnce(k.v) {
			return true
		}
	}
	return false
}

// branchFacts returns the outcome of each branch condition known on every
// path to b (see dominatingBranches), by its key.
func (own *ownership) branchFacts(b *ssa.BasicBlock) map[condKey]bool {
	if out, ok := own.facts[b]; ok {
		return out
	}
	if own.facts == nil {
		own.facts = make(map[*ssa.BasicBlock]map[condKey]bool)
	}
	var out map[condKey]bool
	defer func() { own.facts[b] = out }()
	for _, br := range dominatingBranches(b) {
		k, whenTrue, ok := condOf(br.cond)
		if !ok {
			continue
		}
		if out == nil {
			out = make(map[condKey]bool)
		}
		if _, seen := out[k]; !seen {
			out[k] = br.took == whenTrue
		}
	}
	return out
}

// computedOnce reports whether v takes one value per call: a parameter, a
// free variable, a constant, or an instruction outside every loop.
func computedOnce(v ssa.Value) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return true
	}
	start := instr.Block()
	return start != nil && !inLoop(start)
}

// freshObjs lists the pointer results that are, on every return, an object
// the function owns and publishes only by returning it at that index: a
// constructor's result, owned by the caller in turn.
func (fa *fnAnalysis) freshObjs() []int {
	rets := callgraph.Returns(fa.fn)
	if len(rets) == 0 {
		return nil
	}
	saved := fa.at
	defer func() { fa.at = saved }()
	var out []int
	for i := 0; i < fa.fn.Signature.Results().Len(); i++ {
		if _, ok := fa.fn.Signature.Results().At(i).Type().Underlying().(*types.Pointer); !ok {
			continue
		}
		fresh := true
		for _, r := range rets {
			if !fa.freshReturn(r, i) {
				fresh = false
				break
			}
		}
		if fresh {
			out = append(out, i)
		}
	}
	return out
}

// freshReturn reports whether result i of return r is a fresh root that
// nothing publishes but returns of it at index i, or nil (a constructor's
// failure: no object at all). A result loaded from a local slot (a
// function with defers returns its results through slots) is fresh when
// every value stored in the slot is.
func (fa *fnAnalysis) freshReturn(r *ssa.Return, i int) bool {
	v := r.Results[i]
	if isNilConst(v) {
		return true
	}
	if fa.own == nil {
		fa.own = fa.newOwnership()
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if cell, ok := load.X.(*ssa.Alloc); ok {
			for _, ref := range *cell.Referrers() {
				switch ref := ref.(type) {
				case *ssa.Store:
					if ref.Val == cell || !isNilConst(ref.Val) && !fa.freshValue(ref.Val, i) {
						return false
					}
				case *ssa.UnOp, *ssa.DebugRef:
				default:
					return false
				}
			}
			return true
		}
	}
	return fa.freshValue(v, i)
}

// freshValue reports whether v is a fresh root that nothing publishes but
// returns of it (or of a slot holding it) at index i.
func (fa *fnAnalysis) freshValue(v ssa.Value, i int) bool {
	isRoot := false
	for _, root := range fa.own.roots {
		if root == v {
			isRoot = true
			break
		}
	}
	if !isRoot {
		return false
	}
	for _, p := range fa.publications(v, make(map[ssa.Value]bool), nil) {
		ret, ok := p.(*ssa.Return)
		if !ok {
			return false
		}
		for j, x := range ret.Results {
			if j != i && (x == v || slotOf(x, v.Type())) {
				return false
			}
		}
	}
	return true
}

// slotOf reports whether x is loaded from a local slot of type *t.
func slotOf(x ssa.Value, t types.Type) bool {
	load, ok := x.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	_, ok = load.X.(*ssa.Alloc)
	return ok && types.Identical(load.Type(), t)
}

// handedOver reports whether ref, a lock inside an object this goroutine
// body captured, is the body's alone: the body is a closure that only go
// statements start, each made with a variable that holds a new object of
// its starter's (a composite literal stored in it once), which the starter
// touches only before that go statement and shows to nothing but this
// closure; nor does the body show it to anyone. A worker handed its own
// shard (sh := &memTable{}; go func() { sh.mu.Lock(); s.mu.Lock() ... }())
// then locks it where no other goroutine can: no order with it counts.
func (fa *fnAnalysis) handedOver(ref Ref) bool {
	if ref.Index >= len(fa.fn.FreeVars) || len(ref.Path) == 0 || ref.Path[0] != "*" {
		return false
	}
	fv := fa.fn.FreeVars[ref.Index]
	if !inside(deref(deref(fv.Type())), ref.Path[1:]) {
		return false
	}
	mcs := fa.ps.ctxIndex().closures[fa.fn]
	if len(mcs) == 0 {
		return false
	}
	for _, mc := range mcs {
		if !handedBy(mc, ref.Index) {
			return false
		}
	}
	return len(fa.cellPublications(fv, make(map[ssa.Value]bool), nil)) == 0
}

// handedBy reports whether the closure mc is only started by one go
// statement and binds free variable i to a cell its function stores one
// new object in (see handedOver), used before that go statement alone.
func handedBy(mc *ssa.MakeClosure, i int) bool {
	var gi *ssa.Go
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Go:
			if gi != nil || r.Call.Value != mc {
				return false
			}
			gi = r
		default:
			return false
		}
	}
	if gi == nil || i >= len(mc.Bindings) {
		return false
	}
	cell, ok := mc.Bindings[i].(*ssa.Alloc)
	if !ok {
		return false
	}
	st, ok := cellOnce(cell)
	if !ok || !instrBefore(st, gi) {
		return false
	}
	obj, ok := st.Val.(*ssa.Alloc)
	if !ok || !obj.Heap || objCell(obj) != cell {
		return false
	}
	uses, ok := objectUses(obj, false, func(r *ssa.MakeClosure) bool { return r == mc })
	return ok && !slices.ContainsFunc(uses, func(r ssa.Instruction) bool { return !literalField(r, obj, gi) })
}
